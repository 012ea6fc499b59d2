import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules"] },
  {
    files: ["src/**/*.{ts,tsx}", "vite.config.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // The API is called through the modules of src/api/ (auth, partner, admin, marketplace) only: no fetch in the
  // pages, and neither the transport (client.ts) nor the generated schema (schema.d.ts, read through types.ts)
  // imported elsewhere.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/api/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Call the API through src/api/ (auth.ts, partner.ts, admin.ts, marketplace.ts)." },
        { name: "XMLHttpRequest", message: "Call the API through src/api/." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)api/(client|schema)$",
              message: "Import the API module of the surface (src/api/*.ts) and the types from src/api/types.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs", "eslint.config.js"],
    extends: [js.configs.recommended],
    // Node, plus the browser globals of functions passed to page.evaluate().
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
);
