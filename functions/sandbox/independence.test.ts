import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The sandbox plays the platforms: it must be an implementation of their side of its own, or the
 * suites that drive it prove nothing about ours. So no sandbox file imports the API's code: relative
 * imports stay inside functions/sandbox, and no package path leads into @drama/functions.
 */
const sandboxDir = __dirname;

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : codeFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file names: static and type imports, re-exports, import() and require(). */
function specifiers(source: string): string[] {
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
}

function outsideImports(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8')).filter((spec) => {
    if (spec.startsWith('.')) {
      const target = relative(sandboxDir, resolve(dirname(file), spec));
      return target.startsWith('..') || target.startsWith(sep);
    }
    return spec === '@drama/functions' || spec.startsWith('@drama/functions/');
  });
}

describe('the sandbox platform', () => {
  it('finds the import statements it checks', () => {
    expect(specifiers(`import { a } from '../src/x';\nimport type { B } from "./b";\nexport * from './c';\nconst d = require('../src/d');\nawait import('../src/e');\nimport './f';`)).toEqual(['../src/x', './b', './c', './f', '../src/d', '../src/e']);
  });

  it('imports nothing of the API: only its own modules, node and packages', () => {
    // This file names forbidden paths in its own example, so it is left out.
    const files = codeFiles(sandboxDir).filter((file) => file !== __filename);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((file) => outsideImports(file).map((spec) => `${relative(sandboxDir, file)}: ${spec}`));
    expect(offending).toEqual([]);
  });
});
