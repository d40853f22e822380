namespace Stampede.Protocols.Http;

/// <summary>A classified failure: what kind, k6's code for it, and a short message.</summary>
internal readonly record struct HttpError(HttpErrorKind Kind, int Code, string Message);
