using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StoreSubmit.Interop;

namespace StoreSubmit
{
    /// <summary>The result of <see cref="Validator.Validate"/>: whether the document passes, its kind, and every issue.</summary>
    public sealed class ValidationResult
    {
        internal ValidationResult(JsonObject o)
        {
            Valid = o["valid"] is bool && (bool)o["valid"];
            Kind = o.GetString("kind");
            Issues = ValidationIssue.ListFromJson(o["issues"]);
        }

        /// <summary>Whether no issue is an error.</summary>
        public bool Valid { get; private set; }

        /// <summary>The document kind checked (given or guessed), or null.</summary>
        public string Kind { get; private set; }

        /// <summary>Every issue found (errors and warnings).</summary>
        public IReadOnlyList<ValidationIssue> Issues { get; private set; }

        /// <summary>Throws <see cref="ValidationException"/> with the issues when the document is not valid.</summary>
        public void ThrowIfInvalid()
        {
            if (Valid) return;
            var error = new JsonObject();
            error["code"] = ValidationException.ErrorCode;
            error["number"] = (long)ValidationException.ErrorNumber;
            var first = Issues.FirstOrDefault(i => i.IsError);
            error["message"] = Issues.Count(i => i.IsError) + " validation error(s); first: " + (first == null ? "" : first.ToString());
            var a = new JsonArray();
            foreach (var i in Issues)
            {
                var o = new JsonObject();
                o["code"] = i.Code;
                o["path"] = i.Path;
                o["message"] = i.Message;
                o["severity"] = i.Severity;
                a.Add(o);
            }
            error["issues"] = a;
            throw new ValidationException(error);
        }
    }

    /// <summary>The Store's rules, checked locally by the core before anything is sent (the same checks as <c>storesubmit validate</c>).</summary>
    public static class Validator
    {
        /// <summary>
        /// Validates a document (<paramref name="kind"/>: <c>app-submission</c>, <c>addon-submission</c>, <c>win32-metadata</c>, …;
        /// guessed when null). <paramref name="files"/>: the file names the upload will hold (cross-checked against the names
        /// the document references), or null.
        /// </summary>
        public static ValidationResult Validate(object document, string kind = null, IEnumerable<string> files = null)
        {
            var args = new JsonObject();
            if (kind != null) args["kind"] = kind;
            args["document"] = document;
            if (files != null) args["files"] = new JsonArray(files);
            return new ValidationResult((JsonObject)Native.Call("validate", args));
        }

        /// <summary>Validates a document given as text (read leniently: comments, trailing commas and a BOM are warnings; text that is not JSON is one <c>json.syntax</c> issue).</summary>
        public static ValidationResult ValidateText(string text, string kind = null, IEnumerable<string> files = null)
        {
            var args = new JsonObject();
            if (kind != null) args["kind"] = kind;
            args["text"] = text;
            if (files != null) args["files"] = new JsonArray(files);
            return new ValidationResult((JsonObject)Native.Call("validate", args));
        }

        /// <summary>Validates a document against the files of a folder (listed by the core: names relative to it, empty files reported as <c>files.empty</c>).</summary>
        public static ValidationResult ValidateWithFolder(object document, string folder, string kind = null)
        {
            if (folder == null) throw new ArgumentNullException("folder");
            var args = new JsonObject();
            if (kind != null) args["kind"] = kind;
            args["document"] = document;
            args["folder"] = folder;
            return new ValidationResult((JsonObject)Native.Call("validate", args));
        }

        /// <summary>The document kind the core guesses for a document, or null.</summary>
        public static string GuessKind(object document)
        {
            var args = new JsonObject();
            args["document"] = document;
            return Native.Call("guessKind", args) as string;
        }

        /// <summary>Reads JSON text leniently: the document and the issues (warnings for comments, trailing commas, a BOM).</summary>
        public static KeyValuePair<object, IReadOnlyList<ValidationIssue>> ParseJson(string text)
        {
            var args = new JsonObject();
            args["text"] = text;
            var r = (JsonObject)Native.Call("parseJson", args);
            return new KeyValuePair<object, IReadOnlyList<ValidationIssue>>(r["document"], ValidationIssue.ListFromJson(r["issues"]));
        }

        /// <summary>A text with every secret the core recognises (client secrets, tokens, SAS signatures) replaced by <c>&lt;redacted&gt;</c>.</summary>
        public static string Redact(string text)
        {
            var args = new JsonObject();
            args["text"] = text;
            return (string)Native.Call("redact", args);
        }

        /// <summary>A URL with its secret query parameters (<c>sig</c>, <c>client_secret</c>, …) replaced by <c>&lt;redacted&gt;</c>.</summary>
        public static string RedactUrl(string url)
        {
            var args = new JsonObject();
            args["url"] = url;
            return (string)Native.Call("redactUrl", args);
        }
    }

    /// <summary>What <see cref="Packaging.PackAsync"/> wrote.</summary>
    public sealed class PackReport
    {
        internal PackReport(JsonObject o)
        {
            Size = Wire.ToLong(o["size"] ?? 0L);
            var names = o.GetArray("entries") ?? new JsonArray();
            Entries = names.Cast<string>().ToList().AsReadOnly();
            InputBytes = Wire.ToLong(o["inputBytes"] ?? 0L);
        }

        /// <summary>Bytes of the ZIP.</summary>
        public long Size { get; private set; }

        /// <summary>The entry names, in archive order.</summary>
        public IReadOnlyList<string> Entries { get; private set; }

        /// <summary>Bytes read from the files.</summary>
        public long InputBytes { get; private set; }
    }

    /// <summary>The ZIP a submission uploads, built by the core from the files folder (memory bounded: reads and writes of at most 1 MiB).</summary>
    public static class Packaging
    {
        /// <summary>Writes the ZIP of the files a submission document names (<paramref name="kind"/>: <c>app-submission</c>, …) from <paramref name="folder"/> to <paramref name="output"/>; <paramref name="progress"/> receives <c>pack</c> events (input bytes done and total).</summary>
        public static Task<PackReport> PackAsync(string kind, object document, string folder, Stream output,
            CancellationToken cancellationToken = default(CancellationToken), IProgress<ProgressEvent> progress = null)
        {
            var request = new JsonObject();
            request["kind"] = kind;
            request["document"] = document;
            return RunAsync(request, folder, output, progress, cancellationToken);
        }

        /// <summary>Writes a ZIP of the named files (relative to <paramref name="folder"/>) to <paramref name="output"/>; <paramref name="progress"/> receives <c>pack</c> events.</summary>
        public static Task<PackReport> PackFilesAsync(IEnumerable<string> names, string folder, Stream output,
            CancellationToken cancellationToken = default(CancellationToken), IProgress<ProgressEvent> progress = null)
        {
            var request = new JsonObject();
            request["names"] = new JsonArray(names);
            return RunAsync(request, folder, output, progress, cancellationToken);
        }

        /// <summary>The ZIP entries a submission document needs: entry name, source file name, and the document pointers naming it.</summary>
        public static JsonArray PackageEntries(string kind, object document)
        {
            var args = new JsonObject();
            args["kind"] = kind;
            args["document"] = document;
            return (JsonArray)Native.Call("packageEntries", args);
        }

        private static async Task<PackReport> RunAsync(JsonObject request, string folder, Stream output, IProgress<ProgressEvent> progress,
            CancellationToken ct)
        {
            if (output == null) throw new ArgumentNullException("output");
            using (var job = NativePack.Start(request))
            {
                var io = new HostIO { Folder = folder, Output = output };
                Action<JsonObject> onProgress = null;
                if (progress != null) onProgress = e => progress.Report(new ProgressEvent(e));
                var done = await Driver.RunAsync(job, io, onProgress, StoreSubmitException.FromJson, ct).ConfigureAwait(false);
                return new PackReport(done.GetObject("report") ?? new JsonObject());
            }
        }
    }
}
