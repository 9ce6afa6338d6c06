using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StoreSubmit.Interop;

namespace StoreSubmit
{
    /// <summary>What a workflow ended with: which flow, the stage reached, the resource and submission, the last status, and a resume token when it stopped early.</summary>
    public sealed class Outcome : JsonModel
    {
        /// <summary>An empty outcome.</summary>
        public Outcome() { }

        /// <summary>A view of the core's outcome JSON.</summary>
        public Outcome(JsonObject json) : base(json) { }

        /// <summary>The workflow (<c>app-submission</c>, <c>addon-submission</c>, <c>flight-submission</c>, <c>win32</c>, <c>ingestion</c>, <c>call</c>, …).</summary>
        public string Flow { get { return GetString("flow"); } }

        /// <summary>The stage reached (<c>draft</c>, <c>committed</c>, <c>certification</c>, <c>published</c>, <c>done</c>).</summary>
        public string Stage { get { return GetString("stage"); } }

        /// <summary>The app, add-on or product id.</summary>
        public string ResourceId { get { return GetString("resource_id"); } }

        /// <summary>The submission's id.</summary>
        public string SubmissionId { get { return GetString("submission_id"); } }

        /// <summary>The submission's last status (<c>Published</c>, …).</summary>
        public string Status { get { return GetString("status"); } }

        /// <summary>Whether a pending submission was adopted instead of created.</summary>
        public bool Adopted { get { return GetBool("adopted") ?? false; } }

        /// <summary>The last document the workflow read (the submission, the rollout, a call's answer).</summary>
        public object Document { get { return Json["document"]; } }

        /// <summary>Where the workflow can continue from (<see cref="StoreSubmitClient.ResumeAsync"/>), when it stopped early.</summary>
        public string ResumeToken
        {
            get
            {
                var r = Json["resume"];
                return r == null || r is string ? (string)r : StoreSubmit.Json.Serialize(r);
            }
        }
    }

    /// <summary>One progress event of a workflow (the core's): a stage entered, a request answered, a wait, upload bytes, a resume point.</summary>
    public sealed class ProgressEvent : JsonModel
    {
        /// <summary>A view of the core's event JSON.</summary>
        public ProgressEvent(JsonObject json) : base(json) { }

        /// <summary>An empty event.</summary>
        public ProgressEvent() { }

        /// <summary><c>stage</c>, <c>request</c>, <c>wait</c>, <c>upload</c> or <c>resumable</c> (<c>pack</c> for <see cref="Packaging"/>).</summary>
        public string Kind { get { return GetString("kind"); } }

        /// <summary>The event as one log line (the core's wording; URLs redacted).</summary>
        public string Message { get { return GetString("message"); } }

        /// <summary><see cref="Message"/>, or the event's JSON when it has none.</summary>
        public override string ToString() { return Message ?? base.ToString(); }

        /// <summary>The stage entered (<c>stage</c>).</summary>
        public string Stage { get { return GetString("stage"); } }

        /// <summary>The request's method (<c>request</c>).</summary>
        public string Method { get { return GetString("method"); } }

        /// <summary>The request's URL, secrets redacted (<c>request</c>).</summary>
        public string Url { get { return GetString("url"); } }

        /// <summary>The answer's status, null when none came (<c>request</c>).</summary>
        public long? Status { get { return GetLong("status"); } }

        /// <summary>The wait (<c>wait</c>).</summary>
        public double? Seconds { get { return GetDouble("seconds"); } }

        /// <summary>Bytes uploaded (<c>upload</c>) or read into the ZIP (<c>pack</c>) so far.</summary>
        public long? Done { get { return GetLong("done"); } }

        /// <summary>Bytes to upload (<c>upload</c>) or to read (<c>pack</c>).</summary>
        public long? Total { get { return GetLong("total"); } }

        /// <summary>Where the workflow could continue from (<c>resumable</c>).</summary>
        public string ResumeToken { get { return GetString("token"); } }
    }

    /// <summary>
    /// A client of the three Store submission APIs (classic apps/add-ons/flights, MSI/EXE, Partner Center
    /// ingestion). Workflows and calls run in the storesubmit core (retries, token refresh, paging, uploads
    /// in blocks, polling); this client sends their requests with <see cref="HttpClient"/>, waits, reads
    /// files and asks the credential. Thread-safe: calls may run at once; tokens are shared between them.
    /// </summary>
    public sealed class StoreSubmitClient : IDisposable
    {
        private readonly StoreCredential _credential;
        private readonly StoreSubmitClientOptions _options;
        private readonly JsonObject _config;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly NativeHandle _tokens;
        private readonly object _tokenLock = new object();

        /// <summary>A client with <paramref name="credential"/> (a <see cref="ClientSecretCredential"/> or any <see cref="TokenCredential"/>) and optional settings.</summary>
        public StoreSubmitClient(StoreCredential credential, StoreSubmitClientOptions options = null)
        {
            if (credential == null) throw new ArgumentNullException("credential");
            _credential = credential;
            _options = options ?? new StoreSubmitClientOptions();
            _config = _options.ToJson();
            var secret = credential as ClientSecretCredential;
            if (secret != null)
            {
                _config["tenantId"] = secret.TenantId;
                _config["clientId"] = secret.ClientId;
                var eps = (JsonObject)_config["endpoints"];
                if (secret.AuthorityHost != null && !eps.ContainsKey("token")) eps["token"] = secret.AuthorityHost;
            }
            if (_options.HttpClient != null) _http = _options.HttpClient;
            else
            {
                _http = _options.HttpMessageHandler != null ? new HttpClient(_options.HttpMessageHandler, false) : new HttpClient();
                _http.Timeout = Timeout.InfiniteTimeSpan;
                _ownsHttp = true;
            }
            _tokens = Native.NewTokens();
            Devcenter = new DevcenterOperations(this);
            Win32 = new Win32Operations(this);
            Ingestion = new IngestionOperations(this);
        }

        /// <summary>Every classic API operation (apps, submissions, add-ons, flights, rollout) as a typed method.</summary>
        public DevcenterOperations Devcenter { get; private set; }

        /// <summary>Every MSI/EXE API operation as a typed method.</summary>
        public Win32Operations Win32 { get; private set; }

        /// <summary>Every Partner Center ingestion API operation as a typed method.</summary>
        public IngestionOperations Ingestion { get; private set; }

        /// <summary>The credential, without its secret.</summary>
        public override string ToString() { return "StoreSubmitClient(" + _credential + ")"; }

        /// <summary>Frees the token cache and the client's own <see cref="HttpClient"/>.</summary>
        public void Dispose()
        {
            _tokens.Dispose();
            if (_ownsHttp) _http.Dispose();
        }

        /// <summary>
        /// Runs any workflow the core knows, named by its JSON request (<c>{"workflow": "submission" | "rollout" |
        /// "win32" | "ingestion" | "call" | "listAll" | "resume", …}</c>, see <c>storesubmit::wire::workflow_from_json</c>),
        /// with <paramref name="filesFolder"/> for the files it reads.
        /// </summary>
        /// <exception cref="StoreSubmitException">The workflow failed (a subclass per code); a cancelled or stopped run carries <see cref="StoreSubmitException.ResumeToken"/>.</exception>
        public async Task<Outcome> RunAsync(JsonObject request, string filesFolder = null, IProgress<ProgressEvent> progress = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (request == null) throw new ArgumentNullException("request");
            var secret = _credential as ClientSecretCredential;
            NativeFlow flow;
            lock (_tokenLock) flow = NativeFlow.Start(_config, secret == null ? null : secret.Secret, request, _tokens);
            using (flow)
            {
                var io = new HostIO { Http = _http, Folder = filesFolder, Credential = _credential as TokenCredential };
                Action<JsonObject> onProgress = e =>
                {
                    var ev = new ProgressEvent(e);
                    if (_options.Progress != null) _options.Progress.Report(ev);
                    if (progress != null) progress.Report(ev);
                };
                try
                {
                    var done = await Driver.RunAsync(flow, io, onProgress, (error, inner) =>
                    {
                        var ex = StoreSubmitException.FromJson(error, inner);
                        ex.ResumeToken = ex.ResumeToken ?? flow.ResumeToken();
                        return ex;
                    }, cancellationToken).ConfigureAwait(false);
                    return new Outcome(done.GetObject("outcome") ?? new JsonObject());
                }
                finally
                {
                    lock (_tokenLock) flow.SaveTokens(_tokens);
                }
            }
        }

        /// <summary>Calls any operation of the route table by id (<c>devcenter.get_app</c>, …) with its arguments by their documented names (<c>applicationId</c>, <c>top</c>, <c>body</c>, …); returns the response document.</summary>
        public async Task<object> CallAsync(string operationId, object args = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var request = new JsonObject();
            request["workflow"] = "call";
            request["op"] = operationId;
            request["args"] = args ?? new JsonObject();
            var outcome = await RunAsync(request, null, null, cancellationToken).ConfigureAwait(false);
            return outcome.Document;
        }

        /// <summary>Every item of a list operation, following next-page links (capped at <paramref name="maxPages"/>, default 1,000).</summary>
        public async Task<JsonArray> ListAllAsync(string operationId, object args = null, int? maxPages = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var request = new JsonObject();
            request["workflow"] = "listAll";
            request["op"] = operationId;
            request["args"] = args ?? new JsonObject();
            if (maxPages.HasValue) request["maxPages"] = (long)maxPages.Value;
            var outcome = await RunAsync(request, null, null, cancellationToken).ConfigureAwait(false);
            var doc = outcome.Document as JsonObject;
            return (doc == null ? null : doc.GetArray("value")) ?? new JsonArray();
        }

        /// <summary>
        /// Publishes an app submission: pre-flight checks, create (or reuse the pending one), apply
        /// <paramref name="changes"/> (GET-modify-PUT: fields not named are kept), upload the ZIP of the new
        /// files from <see cref="SubmissionOptions.FilesFolder"/>, commit, poll to <see cref="SubmissionOptions.StopAfter"/>.
        /// </summary>
        public Task<Outcome> PublishAppSubmissionAsync(string appId, object changes, SubmissionOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return SubmitAsync("app-submission", Target("app", "app_id", appId), changes, options, true, cancellationToken);
        }

        /// <summary>Publishes an add-on (in-app product) submission; see <see cref="PublishAppSubmissionAsync"/>.</summary>
        public Task<Outcome> PublishAddonSubmissionAsync(string addonId, object changes, SubmissionOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return SubmitAsync("addon-submission", Target("addon", "addon_id", addonId), changes, options, false, cancellationToken);
        }

        /// <summary>Publishes a package flight submission; see <see cref="PublishAppSubmissionAsync"/>.</summary>
        public Task<Outcome> PublishFlightSubmissionAsync(string appId, string flightId, object changes, SubmissionOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var target = Target("flight", "app_id", appId);
            target["flight_id"] = flightId;
            return SubmitAsync("flight-submission", target, changes, options, true, cancellationToken);
        }

        /// <summary>Reads or changes the gradual package rollout of an app's (or, with <paramref name="flightId"/>, a flight's) submission; the outcome's document is the rollout.</summary>
        public Task<Outcome> RolloutAsync(string appId, string submissionId, RolloutAction action, double? percentage = null,
            string flightId = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var target = flightId == null ? Target("app", "app_id", appId) : Target("flight", "app_id", appId);
            if (flightId != null) target["flight_id"] = flightId;
            var act = new JsonObject();
            act["action"] = Wire.Name(action);
            if (percentage.HasValue) act["percentage"] = percentage.Value;
            var request = new JsonObject();
            request["workflow"] = "rollout";
            request["target"] = target;
            request["submissionId"] = submissionId;
            request["action"] = act;
            return RunAsync(request, null, null, cancellationToken);
        }

        /// <summary>Publishes an MSI/EXE product: packages → commit and processing → metadata → listing assets → submit → poll. Needs <see cref="StoreSubmitClientOptions.SellerId"/>.</summary>
        public async Task<Outcome> PublishWin32Async(string productId, Win32PublishOptions options,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            options = options ?? new Win32PublishOptions();
            var spec = options.ToSpec();
            var request = new JsonObject();
            request["workflow"] = "win32";
            request["productId"] = productId;
            request["spec"] = spec;
            request["stopAfter"] = Wire.Name(options.StopAfter);
            Native.Preflight("win32", spec, options.FilesFolder);
            return await RunAsync(request, options.FilesFolder, options.Progress, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Submits a Partner Center product's drafts, polls until ready, and with <see cref="IngestionPublishOptions.Promote"/> takes the preview live.</summary>
        public Task<Outcome> PublishIngestionAsync(string productId, IngestionPublishOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            options = options ?? new IngestionPublishOptions();
            var spec = new JsonObject();
            spec["modules"] = new JsonArray((System.Collections.Generic.IEnumerable<object>)(options.Modules ?? new string[0]));
            spec["promote"] = options.Promote;
            if (options.Scope != null) spec["scope"] = options.Scope;
            if (options.PublishOption != null) spec["publishOption"] = options.PublishOption;
            var request = new JsonObject();
            request["workflow"] = "ingestion";
            request["productId"] = productId;
            request["spec"] = spec;
            request["stopAfter"] = Wire.Name(options.StopAfter);
            return RunAsync(request, null, options.Progress, cancellationToken);
        }

        /// <summary>Continues a workflow that stopped early or was cancelled (its <see cref="Outcome.ResumeToken"/> or <see cref="StoreSubmitException.ResumeToken"/>) up to <paramref name="stopAfter"/>.</summary>
        public Task<Outcome> ResumeAsync(string resumeToken, StopAfter stopAfter = StopAfter.Published, string filesFolder = null,
            IProgress<ProgressEvent> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var request = new JsonObject();
            request["workflow"] = "resume";
            request["token"] = resumeToken;
            request["stopAfter"] = Wire.Name(stopAfter);
            return RunAsync(request, filesFolder, progress, cancellationToken);
        }

        private async Task<Outcome> SubmitAsync(string kind, JsonObject target, object changes, SubmissionOptions options, bool packages,
            CancellationToken cancellationToken)
        {
            options = options ?? new SubmissionOptions();
            var spec = new JsonObject();
            spec["changes"] = changes ?? new JsonObject();
            spec["oldPackages"] = options.OldPackages ?? "replace";
            if (packages)
            {
                if (options.RolloutPercentage.HasValue) spec["rolloutPercentage"] = options.RolloutPercentage.Value;
                if (options.MandatoryUpdate.HasValue) spec["mandatoryUpdate"] = options.MandatoryUpdate.Value;
                if (options.MandatoryUpdateEffectiveDate != null) spec["mandatoryUpdateEffectiveDate"] = options.MandatoryUpdateEffectiveDate;
            }
            var request = new JsonObject();
            request["workflow"] = "submission";
            request["target"] = target;
            request["spec"] = spec;
            request["stopAfter"] = Wire.Name(options.StopAfter);
            request["pending"] = Wire.Name(options.Pending);
            // refused before anything is sent: a broken rule or a missing file would leave a half-done submission
            Native.Preflight(kind, spec, options.FilesFolder);
            return await RunAsync(request, options.FilesFolder, options.Progress, cancellationToken).ConfigureAwait(false);
        }

        private static JsonObject Target(string type, string key, string id)
        {
            var o = new JsonObject();
            o["type"] = type;
            o[key] = id;
            return o;
        }
    }
}
