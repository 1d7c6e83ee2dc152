/**
 * The keys zod dropped while parsing: present in `input`, absent from `output`, as dotted paths.
 * Schemas from elsewhere (ServerProfileSchema) strip unknown keys instead of refusing them; comparing the
 * input with the result makes the whole settings object strict, however its parts are declared.
 */
export function droppedKeys(input: unknown, output: unknown, path = ''): string[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item: unknown, i) => droppedKeys(item, output[i], `${path}[${i}]`));
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) => {
    const where = path === '' ? key : `${path}.${key}`;
    return Object.hasOwn(output, key) ? droppedKeys(input[key], output[key], where) : [where];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
