using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StoreSubmit.Interop;

namespace StoreSubmit
{
    /// <summary>
    /// A client of the three Store submission APIs (classic apps/add-ons/flights, MSI/EXE, Partner Center
    /// ingestion). Each method starts a run on the storesubmit core's executor (pre-flight checks, retries,
    /// token refresh, paging, uploads in blocks, polling); this client sends its requests with
    /// <see cref="HttpClient"/>, asks its credential for tokens and writes to the caller's streams.
    /// Thread-safe: runs may go at once; tokens are shared between them.
    /// </summary>
    public sealed partial class StoreSubmitClient : IDisposable
    {
        private static readonly string UserAgent = "storesubmit-dotnet/" + typeof(StoreSubmitClient).Assembly.GetName().Version.ToString(3);
        private readonly StoreCredential _credential;
        private readonly StoreSubmitClientOptions _options;
        private readonly JsonObject _config;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly NativeHandle _tokens;

        /// <summary>
        /// A client with <paramref name="credential"/> (a <see cref="StoreClientSecretCredential"/>, or any source
        /// through <see cref="StoreCredential.FromFunc"/>; null only for <see cref="PackAsync(Stream, PackOptions, CancellationToken)"/>,
        /// which sends nothing) and optional settings.
        /// </summary>
        public StoreSubmitClient(StoreCredential credential, StoreSubmitClientOptions options = null)
        {
            _credential = credential;
            _options = options ?? new StoreSubmitClientOptions();
            _config = _options.ToJson();
            var secret = credential as StoreClientSecretCredential;
            if (secret != null)
            {
                _config["tenantId"] = secret.TenantId;
                _config["clientId"] = secret.ClientId;
                var eps = _config.GetObject("endpoints") ?? new JsonObject();
                if (secret.AuthorityHost != null && !eps.ContainsKey("token")) eps["token"] = secret.AuthorityHost;
                _config["endpoints"] = eps;
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
        public override string ToString() { return "StoreSubmitClient(" + (_credential == null ? "no credential" : _credential.ToString()) + ")"; }

        /// <summary>Frees the token cache and the client's own <see cref="HttpClient"/>.</summary>
        public void Dispose()
        {
            _tokens.Dispose();
            if (_ownsHttp) _http.Dispose();
        }

        /// <summary>
        /// Runs a workflow request as it is (<c>{"workflow": name, …}</c>: a facade workflow's, or the
        /// <c>submission</c> / <c>win32</c> / <c>ingestion</c> request a project file resolves into), with
        /// <paramref name="filesFolder"/> for the files it names.
        /// </summary>
        /// <exception cref="StoreSubmitException">The run failed (a subclass per code), with its resume token when it can continue.</exception>
        /// <exception cref="CancelledException"><paramref name="cancellationToken"/> stopped the run.</exception>
        public async Task<Outcome> RunAsync(JsonObject request, string filesFolder = null, IProgress<ProgressEvent> progress = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (request == null) throw new ArgumentNullException("request");
            return new Outcome(await RunAsync(request, filesFolder, null, progress, cancellationToken).ConfigureAwait(false));
        }

        internal async Task<JsonObject> RunAsync(JsonObject request, string files, Stream output, IProgress<ProgressEvent> progress,
            CancellationToken ct)
        {
            var secret = _credential as StoreClientSecretCredential;
            var host = new Host
            {
                Http = _http,
                Credential = _credential as StoreTokenCredential,
                Output = output,
                Progress = new[] { _options.Progress, progress }.Where(p => p != null).ToList(),
            };
            var keep = new JsonObject { { "send", true }, { "token", host.Credential != null }, { "write", output != null } };
            var bring = new JsonObject { { "files", files }, { "keep", keep }, { "userAgent", UserAgent } };
            using (var session = NativeSession.Start(_config, secret == null ? null : secret.Secret, request, _tokens, bring))
                return await host.RunAsync(session, ct).ConfigureAwait(false);
        }
    }
}
