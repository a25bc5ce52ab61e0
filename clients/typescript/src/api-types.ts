// Types read from the generated OpenAPI types (src/generated/openapi.ts), so the helpers follow the served document
// as it grows: a success answer's body (the envelope's `data` when the document describes the envelope), a request
// body. Where the document describes no body yet, the helper's own minimal fallback type is used.
import type { paths } from './generated/openapi.js';

export type { paths, components } from './generated/openapi.js';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessOf<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202>] : never;
type Unwrap<B> = B extends { success?: unknown; data?: infer D } ? NonNullable<D> : B;
type Or<G, F> = [G] extends [never] ? F : unknown extends G ? F : G;

/** The data of a successful answer of `M P`, as the document describes it, else `Fallback`. */
export type ResponseData<P extends keyof paths, M extends keyof paths[P], Fallback = unknown> =
  Or<Unwrap<JsonOf<SuccessOf<paths[P][M]>>>, Fallback>;

/** The JSON request body of `M P`, as the document describes it, else `Fallback`. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P], Fallback = unknown> =
  Or<paths[P][M] extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never, Fallback>;
