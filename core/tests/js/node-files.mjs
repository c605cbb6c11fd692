// Node-only helpers for the JS vector runners: reads every core/tests/vectors/*.json file and registers one
// node:test test per case, so `node --test` reports each case by id.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { runCase } from './vectors.mjs';

/** The directory holding the vector files. */
export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');

/** Every vector file, parsed, keyed by area (the file name without .json). */
export function vectorFiles() {
  const files = {};
  for (const name of readdirSync(VECTORS_DIR).filter((n) => n.endsWith('.json')).sort()) {
    files[name.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(VECTORS_DIR, name), 'utf8'));
  }
  return files;
}

/** Registers one test per case, running it against `api` in this process. */
export function registerVectorTests(api, label) {
  for (const [area, file] of Object.entries(vectorFiles())) {
    for (const testCase of file.cases) {
      test(`${label} ${area}: ${testCase.id}`, () => {
        const result = runCase(api, area, testCase);
        assert.ok(result.ok, result.detail);
      });
    }
  }
}
