using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace StoreSubmit
{
    /// <summary>Service roots (production when null): the classic API, MSI/EXE, ingestion and the token service.</summary>
    public sealed class ServiceEndpoints
    {
        /// <summary>The classic submission API root (default <c>https://manage.devcenter.microsoft.com</c>).</summary>
        public string Devcenter { get; set; }

        /// <summary>The MSI/EXE submission API root.</summary>
        public string Win32 { get; set; }

        /// <summary>The Partner Center ingestion API root.</summary>
        public string Ingestion { get; set; }

        /// <summary>The token service root (Azure AD's by default).</summary>
        public string Token { get; set; }

        internal JsonObject ToJson()
        {
            var o = new JsonObject();
            if (Devcenter != null) o["devcenter"] = Devcenter;
            if (Win32 != null) o["win32"] = Win32;
            if (Ingestion != null) o["ingestion"] = Ingestion;
            if (Token != null) o["token"] = Token;
            return o;
        }
    }

    /// <summary>Retry limits for failed requests (429, 5xx, timeouts, transport failures); null keeps the core's default.</summary>
    public sealed class RetryOptions
    {
        /// <summary>Attempts per request, the first included.</summary>
        public int? MaxAttempts { get; set; }

        /// <summary>The first back-off delay.</summary>
        public TimeSpan? BaseDelay { get; set; }

        /// <summary>The longest back-off delay.</summary>
        public TimeSpan? MaxDelay { get; set; }

        /// <summary>The longest Retry-After the workflow waits before giving up.</summary>
        public TimeSpan? MaxRetryAfter { get; set; }

        internal JsonObject ToJson()
        {
            var o = new JsonObject();
            if (MaxAttempts.HasValue) o["maxAttempts"] = (long)MaxAttempts.Value;
            if (BaseDelay.HasValue) o["baseDelay"] = BaseDelay.Value.TotalSeconds;
            if (MaxDelay.HasValue) o["maxDelay"] = MaxDelay.Value.TotalSeconds;
            if (MaxRetryAfter.HasValue) o["maxRetryAfter"] = MaxRetryAfter.Value.TotalSeconds;
            return o;
        }
    }

    /// <summary>How often a workflow polls a submission's status; null keeps the core's default.</summary>
    public sealed class PollOptions
    {
        /// <summary>The first delay.</summary>
        public TimeSpan? Initial { get; set; }

        /// <summary>The growth factor of the delay.</summary>
        public double? Factor { get; set; }

        /// <summary>The longest delay.</summary>
        public TimeSpan? Max { get; set; }

        internal JsonObject ToJson()
        {
            var o = new JsonObject();
            if (Initial.HasValue) o["initial"] = Initial.Value.TotalSeconds;
            if (Factor.HasValue) o["factor"] = Factor.Value;
            if (Max.HasValue) o["max"] = Max.Value.TotalSeconds;
            return o;
        }
    }

    /// <summary>Settings of a <see cref="StoreSubmitClient"/>. Every one is optional.</summary>
    public sealed class StoreSubmitClientOptions
    {
        /// <summary>Service roots (e.g. the emulator's); production when unset.</summary>
        public ServiceEndpoints Endpoints { get; set; }

        /// <summary>The seller id (<c>X-Seller-Account-Id</c>) MSI/EXE calls need.</summary>
        public string SellerId { get; set; }

        /// <summary><c>v1</c> or <c>v2</c> (default) token endpoint.</summary>
        public string TokenVersion { get; set; }

        /// <summary>Retry limits.</summary>
        public RetryOptions Retry { get; set; }

        /// <summary>Poll schedule.</summary>
        public PollOptions Poll { get; set; }

        /// <summary>The longest a workflow may take (default 4 hours); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
        public TimeSpan? Deadline { get; set; }

        /// <summary>Per-request timeout (default 120 s); <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
        public TimeSpan? RequestTimeout { get; set; }

        /// <summary>Upload block size in bytes (0: the core's choice).</summary>
        public int UploadBlockSize { get; set; }

        /// <summary>Blocks uploaded at once (default 4).</summary>
        public int UploadConcurrency { get; set; }

        /// <summary>The <see cref="HttpClient"/> that sends every request (its own timeout is not used: the workflows time requests themselves). Default: one the client creates.</summary>
        public HttpClient HttpClient { get; set; }

        /// <summary>The handler for the client's own <see cref="HttpClient"/> (a proxy, a logging or test handler), when <see cref="HttpClient"/> is not set.</summary>
        public HttpMessageHandler HttpMessageHandler { get; set; }

        /// <summary>Receives every progress event of every workflow (stages, requests, waits, upload bytes).</summary>
        public IProgress<ProgressEvent> Progress { get; set; }

        internal JsonObject ToJson()
        {
            var o = new JsonObject();
            o["endpoints"] = (Endpoints ?? new ServiceEndpoints()).ToJson();
            if (SellerId != null) o["sellerId"] = SellerId;
            if (TokenVersion != null) o["tokenVersion"] = TokenVersion;
            if (Retry != null) o["retry"] = Retry.ToJson();
            if (Poll != null) o["poll"] = Poll.ToJson();
            if (Deadline.HasValue) o["deadline"] = Seconds(Deadline.Value);
            if (RequestTimeout.HasValue) o["requestTimeout"] = Seconds(RequestTimeout.Value);
            var upload = new JsonObject();
            upload["blockSize"] = (long)UploadBlockSize;
            upload["concurrency"] = (long)(UploadConcurrency > 0 ? UploadConcurrency : 4);
            o["upload"] = upload;
            return o;
        }

        private static object Seconds(TimeSpan t)
        {
            return t == System.Threading.Timeout.InfiniteTimeSpan ? null : (object)t.TotalSeconds;
        }
    }

    /// <summary>Where a workflow stops: after the draft (before commit), after the commit, at certification, or when published (the default).</summary>
    public enum StopAfter
    {
        /// <summary>Everything done: the submission is published.</summary>
        Published,
        /// <summary>Stop before the commit (returns a resume token).</summary>
        Draft,
        /// <summary>Stop once committed.</summary>
        Committed,
        /// <summary>Stop once certification is reached.</summary>
        Certification,
    }

    /// <summary>What to do with a pending submission found at the start: reuse it (default), delete and recreate it, or fail.</summary>
    public enum PendingPolicy
    {
        /// <summary>Reuse the pending submission.</summary>
        Reuse,
        /// <summary>Delete it and create a new one.</summary>
        Recreate,
        /// <summary>Fail with <c>conflict</c>.</summary>
        Fail,
    }

    /// <summary>Options of an app, add-on or flight submission workflow.</summary>
    public sealed class SubmissionOptions
    {
        /// <summary>The folder the submission's file names are relative to (packages, images).</summary>
        public string FilesFolder { get; set; }

        /// <summary>What happens to the packages already in the submission: <c>replace</c> (default) or <c>keep</c>.</summary>
        public string OldPackages { get; set; }

        /// <summary>Gradual rollout percentage (apps and flights).</summary>
        public double? RolloutPercentage { get; set; }

        /// <summary>Whether the update is mandatory (apps and flights).</summary>
        public bool? MandatoryUpdate { get; set; }

        /// <summary>When a mandatory update becomes mandatory (ISO 8601).</summary>
        public string MandatoryUpdateEffectiveDate { get; set; }

        /// <summary>What to do with a pending submission.</summary>
        public PendingPolicy Pending { get; set; }

        /// <summary>Where the workflow stops.</summary>
        public StopAfter StopAfter { get; set; }

        /// <summary>Receives this run's progress events (besides the client's).</summary>
        public IProgress<ProgressEvent> Progress { get; set; }
    }

    /// <summary>One package of an MSI/EXE product to change by id (a PATCH of its fields).</summary>
    public sealed class Win32PackagePatch
    {
        /// <summary>The package's id.</summary>
        public string PackageId { get; set; }

        /// <summary>The fields to change.</summary>
        public object Body { get; set; }
    }

    /// <summary>The listing images of one language of an MSI/EXE product (file names under the files folder).</summary>
    public sealed class Win32ListingAssets
    {
        /// <summary>The listing's language (<c>en-us</c>).</summary>
        public string Language { get; set; }

        /// <summary>Screenshot files.</summary>
        public IList<string> Screenshots { get; set; }

        /// <summary>Logo files.</summary>
        public IList<string> Logos { get; set; }
    }

    /// <summary>What an MSI/EXE publish changes: packages, metadata, listing assets.</summary>
    public sealed class Win32PublishOptions
    {
        /// <summary>The full package list to PUT (<c>{"packages": [...]}</c>).</summary>
        public object Packages { get; set; }

        /// <summary>Packages to change by id.</summary>
        public IList<Win32PackagePatch> PackagePatches { get; set; }

        /// <summary>The listing metadata (PUT, or PATCH with <see cref="MetadataPatch"/>).</summary>
        public object Metadata { get; set; }

        /// <summary>Whether <see cref="Metadata"/> is a PATCH.</summary>
        public bool MetadataPatch { get; set; }

        /// <summary>Listing images per language.</summary>
        public IList<Win32ListingAssets> Assets { get; set; }

        /// <summary>The folder the asset file names are relative to.</summary>
        public string FilesFolder { get; set; }

        /// <summary>Where the workflow stops.</summary>
        public StopAfter StopAfter { get; set; }

        /// <summary>Receives this run's progress events.</summary>
        public IProgress<ProgressEvent> Progress { get; set; }

        internal JsonObject ToSpec()
        {
            var spec = new JsonObject();
            spec["metadataPatch"] = MetadataPatch;
            if (Packages != null) spec["packages"] = Packages;
            if (PackagePatches != null && PackagePatches.Count > 0)
            {
                var a = new JsonArray();
                foreach (var p in PackagePatches)
                {
                    var o = new JsonObject();
                    o["packageId"] = p.PackageId;
                    o["body"] = p.Body;
                    a.Add(o);
                }
                spec["packagePatches"] = a;
            }
            if (Metadata != null) spec["metadata"] = Metadata;
            if (Assets != null && Assets.Count > 0)
            {
                var a = new JsonArray();
                foreach (var s in Assets)
                {
                    var o = new JsonObject();
                    o["language"] = s.Language;
                    o["screenshots"] = new JsonArray((IEnumerable<object>)(s.Screenshots ?? new List<string>()));
                    o["logos"] = new JsonArray((IEnumerable<object>)(s.Logos ?? new List<string>()));
                    a.Add(o);
                }
                spec["assets"] = a;
            }
            return spec;
        }
    }

    /// <summary>What an ingestion (Partner Center) publish submits.</summary>
    public sealed class IngestionPublishOptions
    {
        /// <summary>The modules to submit (default Listing, Package, Availability, Property).</summary>
        public IList<string> Modules { get; set; }

        /// <summary><c>Preview</c> (default) or <c>Live</c>.</summary>
        public string Scope { get; set; }

        /// <summary>Whether to take the preview live once ready.</summary>
        public bool Promote { get; set; }

        /// <summary>The publish option object, passed as given.</summary>
        public object PublishOption { get; set; }

        /// <summary>Where the workflow stops.</summary>
        public StopAfter StopAfter { get; set; }

        /// <summary>Receives this run's progress events.</summary>
        public IProgress<ProgressEvent> Progress { get; set; }
    }

    /// <summary>The change a rollout call makes to a submission's gradual package rollout.</summary>
    public enum RolloutAction
    {
        /// <summary>Read the rollout.</summary>
        Get,
        /// <summary>Change its percentage.</summary>
        Update,
        /// <summary>Stop it (users get the previous packages).</summary>
        Halt,
        /// <summary>Roll out to everyone.</summary>
        Finalize,
    }

    internal static class Wire
    {
        internal static string Name(StopAfter s) { return s.ToString().ToLowerInvariant(); }

        internal static string Name(PendingPolicy p) { return p.ToString().ToLowerInvariant(); }

        internal static string Name(RolloutAction a) { return a.ToString().ToLowerInvariant(); }

        internal static long ToLong(object v) { return Convert.ToInt64(v, CultureInfo.InvariantCulture); }
    }
}
