// Taro's H5 <Button> renders a custom element with no role, so screen readers and role queries
// do not see a button; every Button here sets role="button", which ButtonProps does not declare.
import '@tarojs/components/types/Button';

declare module '@tarojs/components/types/Button' {
  interface ButtonProps {
    role?: string;
  }
}
