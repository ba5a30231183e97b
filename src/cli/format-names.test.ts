// The light `--format` list matches the reporters map, order included (the compiler checks the set only).

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { reporters } from '../report/reporters.js';
import { formats, isFormat } from './format-names.js';

it('lists the reporters in their order and accepts exactly them', () => {
  assert.deepEqual(formats, Object.keys(reporters));
  for (const format of formats) assert.ok(isFormat(format));
  assert.equal(isFormat('yaml'), false);
  assert.equal(isFormat('toString'), false);
});
