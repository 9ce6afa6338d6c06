using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.Serialization;

namespace StoreSubmit
{
    /// <summary>One problem the core's validation found: a stable code, the JSON pointer of the field, a message and a severity.</summary>
    public sealed class ValidationIssue
    {
        /// <summary>The issue's stable code (the manifest's <c>issues[].code</c>, e.g. <c>listing.description.too_long</c>).</summary>
        public string Code { get; private set; }

        /// <summary>JSON pointer of the field (<c>""</c> for the document itself).</summary>
        public string Path { get; private set; }

        /// <summary>What is wrong and how to fix it.</summary>
        public string Message { get; private set; }

        /// <summary><c>error</c> or <c>warning</c>.</summary>
        public string Severity { get; private set; }

        /// <summary>Whether the issue is an error (not a warning).</summary>
        public bool IsError { get { return Severity == "error"; } }

        internal static ValidationIssue FromJson(JsonObject o)
        {
            return new ValidationIssue
            {
                Code = o.GetString("code"),
                Path = o.GetString("path") ?? "",
                Message = o.GetString("message") ?? "",
                Severity = o.GetString("severity") ?? "error",
            };
        }

        internal static IReadOnlyList<ValidationIssue> ListFromJson(object v)
        {
            var list = new List<ValidationIssue>();
            var a = v as JsonArray;
            if (a != null) foreach (var i in a) { var o = i as JsonObject; if (o != null) list.Add(FromJson(o)); }
            return list.AsReadOnly();
        }

        /// <summary><c>severity code at path: message</c>.</summary>
        public override string ToString() { return Severity + " " + Code + " at " + (Path.Length == 0 ? "/" : Path) + ": " + Message; }
    }

    /// <summary>One error item the service returned (<c>code</c>, <c>message</c>, <c>target</c>).</summary>
    public sealed class ServerError
    {
        /// <summary>The service's code (e.g. <c>InvalidState</c>).</summary>
        public string Code { get; private set; }

        /// <summary>The service's message (secrets redacted).</summary>
        public string Message { get; private set; }

        /// <summary>The field or resource it concerns, when the service named one.</summary>
        public string Target { get; private set; }

        internal static ServerError FromJson(JsonObject o)
        {
            return new ServerError { Code = o.GetString("code"), Message = o.GetString("message") ?? "", Target = o.GetString("target") };
        }

        /// <summary><c>code: message</c>.</summary>
        public override string ToString() { return Code + ": " + Message; }
    }

    /// <summary>
    /// Every failure storesubmit reports: the core's stable <see cref="Code"/> (and its <see cref="Number"/>),
    /// the HTTP <see cref="Status"/> when a service answered, whether a retry may succeed
    /// (<see cref="Retryable"/>, already exhausted by the workflow's own retries), the service's
    /// <see cref="CorrelationId"/> for support requests. Catch a subclass (generated, one per code:
    /// <see cref="NotFoundException"/>, <see cref="ConflictException"/>, …) or this class. Messages never
    /// hold a secret: the core redacts them before they reach .NET.
    /// </summary>
    [Serializable]
    public partial class StoreSubmitException : Exception
    {
        /// <summary>Builds the exception from the core's error JSON (<c>{code, number, message, status, retryable, …}</c>).</summary>
        public StoreSubmitException(JsonObject error, Exception innerException = null)
            : base(error == null ? "storesubmit error" : (error.GetString("message") ?? "storesubmit error"), innerException)
        {
            error = error ?? new JsonObject();
            Number = ToInt(error["number"]) ?? 0;
            string byNumber;
            Code = error.GetString("code") ?? (CodesByNumber.TryGetValue(Number, out byNumber) ? byNumber : "unknown");
            Status = ToInt(error["status"]);
            Retryable = error["retryable"] is bool && (bool)error["retryable"];
            var ra = error["retryAfter"];
            if (Json.IsNumber(ra)) RetryAfter = TimeSpan.FromSeconds(Convert.ToDouble(ra, CultureInfo.InvariantCulture));
            CorrelationId = error.GetString("correlationId");
            var servers = new List<ServerError>();
            var items = error.GetArray("serverErrors");
            if (items != null) foreach (var i in items) { var o = i as JsonObject; if (o != null) servers.Add(ServerError.FromJson(o)); }
            ServerErrors = servers.AsReadOnly();
            Issues = ValidationIssue.ListFromJson(error["issues"]);
            ResumeToken = error.GetString("resume");
        }

        /// <summary>For deserialization.</summary>
        protected StoreSubmitException(SerializationInfo info, StreamingContext context) : base(info, context)
        {
            Code = info.GetString("Code");
            Number = info.GetInt32("Number");
            ServerErrors = new List<ServerError>().AsReadOnly();
            Issues = new List<ValidationIssue>().AsReadOnly();
        }

        /// <summary>Stores the code and number.</summary>
        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            base.GetObjectData(info, context);
            info.AddValue("Code", Code);
            info.AddValue("Number", Number);
        }

        /// <summary>The stable error code (the manifest's <c>errors[].code</c>: <c>not_found</c>, <c>conflict</c>, …).</summary>
        public string Code { get; private set; }

        /// <summary>The code's stable number (the manifest's <c>errors[].number</c>; the C ABI's return value).</summary>
        public int Number { get; private set; }

        /// <summary>The HTTP status of the service's answer, when there was one.</summary>
        public int? Status { get; private set; }

        /// <summary>Whether the same call may succeed later (the workflow already retried within its policy).</summary>
        public bool Retryable { get; private set; }

        /// <summary>The delay the service asked for (Retry-After), when it gave one.</summary>
        public TimeSpan? RetryAfter { get; private set; }

        /// <summary>The service's correlation id (<c>X-Correlation-ID</c>, <c>MS-CorrelationId</c>, …), to quote to support.</summary>
        public string CorrelationId { get; private set; }

        /// <summary>The service's own error items.</summary>
        public IReadOnlyList<ServerError> ServerErrors { get; private set; }

        /// <summary>The validation issues (for <c>validation</c> and <c>missing_files</c>; empty otherwise).</summary>
        public IReadOnlyList<ValidationIssue> Issues { get; private set; }

        /// <summary>Where a stopped or cancelled workflow can continue from (<see cref="StoreSubmitClient.ResumeAsync"/>), or null.</summary>
        public string ResumeToken { get; internal set; }

        /// <summary>The exception of the core's error JSON: the generated subclass of its code.</summary>
        public static StoreSubmitException FromJson(JsonObject error, Exception innerException = null)
        {
            error = error ?? new JsonObject();
            var code = error.GetString("code");
            string byNumber;
            if (code == null && CodesByNumber.TryGetValue(ToInt(error["number"]) ?? 0, out byNumber)) code = byNumber;
            return Create(code ?? "", error, innerException);
        }

        /// <summary><c>Type [code, status, correlation id]: message</c> and the stack trace.</summary>
        public override string ToString()
        {
            var head = GetType().FullName + " [" + Code + (Status.HasValue ? ", HTTP " + Status.Value : "") +
                       (CorrelationId != null ? ", correlation id " + CorrelationId : "") + "]: " + Message;
            return StackTrace == null ? head : head + Environment.NewLine + StackTrace;
        }

        private static int? ToInt(object v)
        {
            return Json.IsNumber(v) ? (int?)Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;
        }
    }
}
