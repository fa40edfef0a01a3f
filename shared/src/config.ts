/** Local addresses fixed by API.md; each can be overridden by its environment variable. */
export const defaultPorts = {
  API: 3000,
  APP: 10086,
  SANDBOX: 3100,
  INFERENCE: 8080,
} as const;
