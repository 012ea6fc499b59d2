// problem+json answers (RFC 9457) as the UI uses them: an ApiError carries the server's `detail` and the
// `field` it names; forms show it beside that field, and anything no field of the form can show becomes a
// toast.

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  field?: string;
  rule?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly rule: string | undefined;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `The server answered ${problem.status}`);
    this.name = "ApiError";
    this.status = problem.status;
    this.field = problem.field;
    this.rule = problem.rule;
  }
}

// The body of a failed response as a Problem, whatever the server (or a proxy in front of it) sent.
export function toProblem(status: number, contentType: string | null, body: string): Problem {
  if (contentType && /json/.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === "object") {
        const p = parsed as Record<string, unknown>;
        return {
          status,
          type: typeof p.type === "string" ? p.type : undefined,
          title: typeof p.title === "string" ? p.title : undefined,
          detail: typeof p.detail === "string" ? p.detail : undefined,
          field: typeof p.field === "string" && p.field !== "" ? p.field : undefined,
          rule: typeof p.rule === "string" ? p.rule : undefined,
        };
      }
    } catch {
      // fall through: not JSON after all
    }
  }
  const fallback: Record<number, string> = {
    401: "Your session has ended. Sign in again.",
    403: "You don't have permission to do this.",
    404: "Not found.",
    413: "That is too large for the server.",
    429: "Too many requests. Wait a moment and try again.",
    502: "Seatkeeper can't be reached right now.",
    503: "Seatkeeper is busy or can't reach its database. Try again.",
  };
  return { status, detail: fallback[status] ?? `The server answered ${status}.` };
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

// Splits an error into the message for one of `fields` (the form's inputs, named as the API names them)
// and the message left for a toast. A field of the API that the form shows under another name maps with
// `aliases` ("technical_configuration.package_url" → "package_url").
export function mapError<K extends string>(
  error: unknown,
  fields: readonly K[],
  aliases: Partial<Record<string, K>> = {},
): { fieldErrors: FieldErrors<K>; message: string | null } {
  if (error instanceof ApiError && error.field) {
    const key = (aliases[error.field] ?? error.field) as K;
    if (fields.includes(key)) return { fieldErrors: { [key]: error.message } as FieldErrors<K>, message: null };
  }
  return { fieldErrors: {}, message: errorMessage(error) };
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Seatkeeper can't be reached. Check your connection and try again.";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
