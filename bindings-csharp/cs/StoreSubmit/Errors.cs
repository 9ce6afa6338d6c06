using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace StoreSubmit
{
    /// <summary>
    /// Every failure storesubmit reports: the core's stable <see cref="Code"/> (and its <see cref="Number"/>),
    /// the HTTP <see cref="Status"/> when a service answered, whether a retry may succeed
    /// (<see cref="Retryable"/>, already exhausted by the workflow's own retries), the service's
    /// <see cref="CorrelationId"/> for support requests, the <see cref="Request"/> it is about and, when the run
    /// can continue, its <see cref="ResumeToken"/>. Catch a subclass (generated, one per code:
    /// <see cref="NotFoundException"/>, <see cref="ConflictException"/>, …) or this class; a cancelled run throws
    /// <see cref="CancelledException"/>, an <see cref="OperationCanceledException"/>. Messages never hold a
    /// secret: the core redacts them before they reach .NET.
    /// </summary>
    public partial class StoreSubmitException : Exception
    {
        /// <summary>Builds the exception from the core's error JSON (<c>{code, number, message, status, retryable, …}</c>).</summary>
        public StoreSubmitException(JsonObject error, Exception innerException = null) : base(Describe(error), innerException)
        {
            Error = new ErrorInfo(error ?? new JsonObject());
        }

        /// <summary>The error as the core reported it (every field, typed).</summary>
        public ErrorInfo Error { get; private set; }

        /// <summary>The stable error code (the manifest's <c>errors[].code</c>: <c>not_found</c>, <c>conflict</c>, …).</summary>
        public string Code { get { return CodeOf(Error.Json); } }

        /// <summary>The code's stable number (the manifest's <c>errors[].number</c>; the C ABI's return value).</summary>
        public int Number { get { return (int)Error.Number; } }

        /// <summary>The HTTP status of the service's answer, when there was one.</summary>
        public int? Status { get { return (int?)Error.Status; } }

        /// <summary>Whether the same call may succeed later (the workflow already retried within its policy).</summary>
        public bool Retryable { get { return Error.Retryable; } }

        /// <summary>The delay the service asked for (Retry-After), when it gave one.</summary>
        public TimeSpan? RetryAfter { get { var s = Error.RetryAfter; return s.HasValue ? TimeSpan.FromSeconds(s.Value) : (TimeSpan?)null; } }

        /// <summary>The service's correlation id (<c>X-Correlation-ID</c>, <c>MS-CorrelationId</c>, …), to quote to support.</summary>
        public string CorrelationId { get { return Error.CorrelationId; } }

        /// <summary>The service's own error items.</summary>
        public IReadOnlyList<Finding> ServerErrors { get { return Error.ServerErrors; } }

        /// <summary>The validation issues (for <c>validation</c> and <c>missing_files</c>; empty otherwise).</summary>
        public IReadOnlyList<Issue> Issues { get { return Error.Issues; } }

        /// <summary>The request the error is about (operation, method, URL without secrets), or null.</summary>
        public RequestRef Request { get { return Error.Request; } }

        /// <summary>Where the stopped workflow can continue from (<see cref="StoreSubmitClient.ResumeAsync(string, ResumeOptions, CancellationToken)"/>), or null.</summary>
        public string ResumeToken { get { return Error.ResumeToken; } }

        /// <summary>
        /// The exception of the core's error JSON: the generated class of its code (a <see cref="StoreSubmitException"/>,
        /// or a <see cref="CancelledException"/> carrying <paramref name="token"/> for <c>cancelled</c>).
        /// </summary>
        public static Exception FromJson(JsonObject error, CancellationToken token = default(CancellationToken))
        {
            error = error ?? new JsonObject();
            return Create(CodeOf(error), error, token);
        }

        /// <summary><c>Type [code, status, correlation id]: message</c> and the stack trace.</summary>
        public override string ToString()
        {
            var head = GetType().FullName + " [" + Code + (Status.HasValue ? ", HTTP " + Status.Value : "") +
                       (CorrelationId != null ? ", correlation id " + CorrelationId : "") + "]: " + Message;
            return StackTrace == null ? head : head + Environment.NewLine + StackTrace;
        }

        private static string CodeOf(JsonObject error)
        {
            string code;
            var n = error["number"];
            return error.GetString("code") ??
                   (Json.IsNumber(n) && CodesByNumber.TryGetValue(Convert.ToInt32(n, CultureInfo.InvariantCulture), out code) ? code : "");
        }

        /// <summary>The message, and the request it is about (as the core and the CLI write it: <c>(GET url)</c>).</summary>
        internal static string Describe(JsonObject error)
        {
            var message = (error == null ? null : error.GetString("message")) ?? "storesubmit error";
            var request = error == null ? null : error.GetObject("request");
            return request == null ? message : message + " (" + request.GetString("method") + " " + request.GetString("url") + ")";
        }
    }

    public sealed partial class Issue
    {
        /// <summary>Whether the issue is an error (not a warning).</summary>
        public bool IsError { get { return Severity == Severity.Error; } }

        /// <summary><c>severity code at path: message</c>.</summary>
        public override string ToString()
        {
            return (IsError ? "error " : "warning ") + Code + " at " + (string.IsNullOrEmpty(Path) ? "/" : Path) + ": " + Message;
        }
    }

    public sealed partial class Finding
    {
        /// <summary><c>code: message</c>.</summary>
        public override string ToString() { return Code + ": " + Message; }
    }

    public sealed partial class ProgressEvent
    {
        /// <summary><see cref="Message"/>, the event as one log line (no secret).</summary>
        public override string ToString() { return Message ?? base.ToString(); }
    }

    public sealed partial class ValidationReport
    {
        /// <summary>Throws <see cref="ValidationException"/> with the issues when the document is not valid.</summary>
        public void ThrowIfInvalid()
        {
            if (Valid) return;
            var errors = Issues.Where(i => i.IsError).ToList();
            var error = new JsonObject();
            error["code"] = ValidationException.ErrorCode;
            error["number"] = (long)ValidationException.ErrorNumber;
            error["message"] = errors.Count + " validation error(s)" + (errors.Count > 0 ? "; first: " + errors[0] : "");
            error["issues"] = Json["issues"];
            throw new ValidationException(error);
        }
    }
}
