/**
 * Built-ins used in the generator's hot loops, bound once. Under jest every test file runs in a vm sandbox
 * where each global lookup (`Math`, `Date`) goes through an interceptor and costs about 100 times more;
 * module bindings do not, so generating a shop in a test is as fast as in `npm start`.
 */
export const { floor, ceil, round, min, max, imul, log2 } = Math;
/** Date.parse, unbound (it does not use `this`). */
export const parseDate = Date.parse;
/** Number.isInteger, unbound. */
export const isInteger = Number.isInteger;
