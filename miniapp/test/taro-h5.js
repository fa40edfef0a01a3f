// The real H5 Taro, shaped as the H5 build sees it. There, babel-plugin-transform-taroapi rewrites
// `Taro.showToast(...)` into a named import from @tarojs/taro-h5, whose default export alone lacks
// most APIs; jest has no such rewrite, so hand `import Taro` an object with every named API on it.
const h5 = require('@tarojs/taro-h5');

const taro = Object.assign({}, h5.default, h5);
delete taro.default;

// Page hooks come from the React framework plugin at build time and need a mounted Taro page. A
// component rendered alone in jsdom is a page shown once: show and hide never fire again, and the
// router has no query.
const noop = () => undefined;
Object.assign(taro, { useDidShow: noop, useDidHide: noop, useRouter: () => ({ params: {}, path: '' }) });

module.exports = { __esModule: true, ...taro, default: taro };
