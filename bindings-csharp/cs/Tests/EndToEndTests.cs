using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using StoreSubmit;
using StoreSubmit.Models;

namespace StoreSubmit.Tests
{
    /// <summary>Records what went through the client's HttpClient (proves the injected handler carried the workflow).</summary>
    internal sealed class RecordingHandler : DelegatingHandler
    {
        internal readonly ConcurrentQueue<string> Sent = new ConcurrentQueue<string>();
        internal Func<HttpRequestMessage, Task> Before;

        internal RecordingHandler() : base(new HttpClientHandler()) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue(request.Method + " " + Offline.Redact(request.RequestUri.AbsoluteUri));
            if (Before != null) await Before(request).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Progress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    internal sealed class Recorder : IProgress<ProgressEvent>
    {
        internal readonly ConcurrentQueue<ProgressEvent> Events = new ConcurrentQueue<ProgressEvent>();

        public void Report(ProgressEvent value) { Events.Enqueue(value); }
    }

    [TestFixture]
    public class EndToEndTests
    {
        internal static AppSubmission AppChanges()
        {
            var changes = new AppSubmission { ApplicationPackages = new ModelList<ApplicationPackage>() };
            changes.ApplicationPackages.Add(new ApplicationPackage { FileName = "Contoso.App_1.2.0.0_x64.msixupload" });
            var listing = new BaseListing { Description = "Contoso App, published from .NET.", Images = new ModelList<Image>() };
            listing.Images.Add(new Image { FileName = "Images\\Screenshot1.png", ImageType = "Screenshot", Description = "Main window" });
            changes.Listings = new ModelMap<Listing>();
            changes.Listings["en-us"] = new Listing { BaseListing = listing };
            return changes;
        }

        [Test]
        public async Task PublishesAnAppAnAddonAFlightAndAnMsiExeProductThroughHttpClient()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            {
                var handler = new RecordingHandler();
                var progress = new Recorder();
                using (var client = emu.Client(null, o => { o.HttpMessageHandler = handler; }))
                {
                    var app = await client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(),
                        new SubmissionOptions { FilesFolder = release.Folder, RolloutPercentage = 25, Progress = progress });
                    Assert.AreEqual("published", app.Stage);
                    Assert.AreEqual("Published", app.Status);
                    Assert.AreEqual("app-submission", app.Flow);
                    Assert.IsNotNull(app.SubmissionId);
                    var uploads = progress.Events.Where(e => e.Kind == ProgressKind.Upload).ToList();
                    Assert.IsNotEmpty(uploads);
                    Assert.AreEqual(uploads.Last().Total, uploads.Last().Done);
                    Assert.Greater(uploads.Last().Total.Value, 5L << 20);
                    Assert.That(progress.Events.Where(e => e.Kind == ProgressKind.Stage).Select(e => e.Stage).ToList(), Has.Member("upload"));
                    Assert.IsTrue(progress.Events.All(e => !string.IsNullOrEmpty(e.Message)), "every event has its log line");
                    Assert.IsFalse(progress.Events.Any(e => e.ToString().Contains("sig=") && !e.ToString().Contains("sig=<redacted>")), "no SAS signature in a log line");

                    var sub = await client.Devcenter.GetAppSubmissionAsync(emu["app_id"], app.SubmissionId);
                    Assert.AreEqual("Uploaded", sub.ApplicationPackages.Single(p => p.FileName == "Contoso.App_1.2.0.0_x64.msixupload").FileStatus);
                    Assert.AreEqual(25.0, sub.PackageDeliveryOptions.PackageRollout.PackageRolloutPercentage);

                    var addon = await client.PublishAddonSubmissionAsync(emu["addon_id"], Repo.Obj(
                        "{\"listings\": {\"en-us\": {\"title\": \"Contoso Coins\", \"description\": \"100 coins.\", \"icon\": {\"fileName\": \"Images/Icon300.png\"}}}, \"pricing\": {\"priceId\": \"Tier2\"}}"),
                        new SubmissionOptions { FilesFolder = release.Folder });
                    Assert.AreEqual("published", addon.Stage);
                    Assert.AreEqual("addon-submission", addon.Flow);

                    var flight = await client.PublishFlightSubmissionAsync(emu["app_id"], emu["flight_id"],
                        Repo.Obj("{\"flightPackages\": [{\"fileName\": \"Contoso.App_1.2.1.0_x64.msixupload\"}]}"),
                        new SubmissionOptions { FilesFolder = release.Folder });
                    Assert.AreEqual("published", flight.Stage);
                    Assert.AreEqual("flight-submission", flight.Flow);

                    var win32 = await client.PublishWin32Async(emu["win32_product_id"], new Win32PublishOptions
                    {
                        Packages = new Win32PackageList(Repo.Obj("{\"packages\": [{\"packageUrl\": \"https://downloads.contoso.example/setup-1.2.0.msi\", \"languages\": [\"en-us\"], " +
                                            "\"architectures\": [\"X64\"], \"isSilentInstall\": true, \"packageType\": \"msi\"}]}")),
                        Metadata = new Win32MetadataUpdate(Repo.Obj("{\"listings\": {\"language\": \"en-us\", \"description\": \"Contoso Desktop, from .NET.\", \"whatsNew\": \"New.\", " +
                                            "\"productFeatures\": [\"Fast\"], \"shortDescription\": \"Contoso\", \"searchTerms\": [\"contoso\"]}}")),
                        MetadataPatch = true,
                        Assets = new JsonArray { Repo.Obj("{\"language\": \"en-us\", \"screenshots\": [\"Assets/screenshot-en-us.png\"], \"logos\": [\"Assets/logo-en-us.png\"]}") },
                        FilesFolder = release.Folder,
                    });
                    Assert.AreEqual("win32", win32.Flow);
                    Assert.AreEqual("published", win32.Stage);
                    var pkgs = await client.Win32.GetPackagesAsync(emu["win32_product_id"]);
                    var url = (string)((JsonObject)pkgs.GetObject("responseData").GetArray("packages")[0])["packageUrl"];
                    StringAssert.EndsWith("setup-1.2.0.msi", url);
                }
                var sent = handler.Sent.ToList();
                Assert.That(sent.Any(s => s.Contains("/oauth2/v2.0/token")), "the token request went through the HttpClient");
                Assert.That(sent.Any(s => s.Contains("comp=block&")), "the ZIP went through the HttpClient in blocks");
                Assert.That(sent.Any(s => s.Contains("comp=blocklist")));
                Assert.That(sent.All(s => !s.Contains("sig=") || s.Contains("sig=<redacted>")));
            }
        }

        [Test]
        public async Task IngestionPublishAndListAllThroughTheCallersHttpClient()
        {
            var handler = new RecordingHandler();
            using (var http = new HttpClient(handler))
            using (var emu = Emulator.Start())
            {
                using (var client = emu.Client(null, o => o.HttpClient = http))
                {
                    var product = await client.Ingestion.GetProductAsync(emu["ingestion_product_id"]);
                    Assert.AreEqual(emu["ingestion_product_id"], product.Id);
                    var outcome = await client.PublishIngestionAsync(emu["ingestion_product_id"], new IngestionPublishOptions { Promote = true });
                    Assert.AreEqual("ingestion", outcome.Flow);
                    Assert.AreEqual("published", outcome.Stage);
                    var apps = ((JsonObject)(await client.ListAllAsync("devcenter.list_apps", Repo.Obj("{\"top\": 1}"))).Document).GetArray("value");
                    Assert.AreEqual(new[] { emu["app_id"] }, apps.Select(a => ((JsonObject)a).GetString("id")).ToArray());
                }
                Assert.That(handler.Sent.Any(x => x.Contains("/v1.0/ingestion/")), "the caller's HttpClient sent the requests");
                var after = await http.GetAsync(emu["admin_url"] + "/info");
                Assert.AreEqual(200, (int)after.StatusCode, "disposing the client leaves the caller's HttpClient usable");
            }
        }

        [Test]
        public async Task CancelledMidUploadThenResumedToPublished()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            {
                var handler = new RecordingHandler();
                using (var cts = new CancellationTokenSource())
                using (var client = emu.Client(null, o => { o.HttpMessageHandler = handler; o.Upload = new BlockUploadOptions { BlockSize = 256 << 10, Concurrency = 1 }; }))
                {
                    var blocks = 0;
                    // cancel once the upload is under way (the third Put Block)
                    handler.Before = r =>
                    {
                        if (r.RequestUri.Query.Contains("comp=block&") && Interlocked.Increment(ref blocks) == 3) cts.Cancel();
                        return Task.FromResult(0);
                    };
                    var ex = Assert.Throws<CancelledException>(() =>
                        client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(), new SubmissionOptions { FilesFolder = release.Folder }, cts.Token)
                            .GetAwaiter().GetResult());
                    Assert.AreEqual("cancelled", ex.Code);
                    Assert.AreEqual(CancelledException.ErrorNumber, ex.Number);
                    Assert.IsNotNull(ex.ResumeToken, "a cancelled submission can be resumed");
                    StringAssert.DoesNotContain("sig=", ex.ResumeToken);
                    StringAssert.DoesNotContain(emu["client_secret"], ex.ResumeToken);
                    Assert.AreEqual(cts.Token, ex.CancellationToken);

                    handler.Before = null;
                    var done = await client.ResumeAsync(ex.ResumeToken, new ResumeOptions { FilesFolder = release.Folder });
                    Assert.AreEqual("published", done.Stage);
                    var status = await client.Devcenter.GetAppSubmissionStatusAsync(emu["app_id"], done.SubmissionId);
                    Assert.AreEqual("Published", status.Status);
                }
            }
        }

        [Test]
        public async Task DraftThenResumeWithAnotherClient()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            {
                Outcome<AppSubmission> draft;
                using (var client = emu.Client())
                    draft = await client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(),
                        new SubmissionOptions { FilesFolder = release.Folder, StopAfter = StopAfter.Draft });
                Assert.AreEqual("draft", draft.Stage);
                // typed changes give a typed document: the draft submission as last read
                Assert.AreEqual("PendingCommit", draft.Document.Status, draft.Document.ToString());
                Assert.IsTrue(draft.Document.ApplicationPackages.Any(p => p.FileName == "Contoso.App_1.2.0.0_x64.msixupload"));
                Assert.IsNotNull(draft.ResumeToken);
                using (var client = emu.Client())
                {
                    var status = await client.Devcenter.GetAppSubmissionStatusAsync(emu["app_id"], draft.SubmissionId);
                    Assert.AreEqual("PendingCommit", status.Status);
                    var done = await client.ResumeAsync(draft.ResumeToken);
                    Assert.AreEqual("published", done.Stage);
                    Assert.AreEqual(draft.SubmissionId, done.SubmissionId);
                }
            }
        }

        [Test]
        public async Task RolloutUpdateAndHalt()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            using (var client = emu.Client())
            {
                var outcome = await client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(),
                    new SubmissionOptions { FilesFolder = release.Folder, RolloutPercentage = 10 });
                var sid = outcome.SubmissionId;
                var got = await client.RolloutAsync(emu["app_id"], sid);
                Assert.AreEqual(10.0, Convert.ToDouble(((JsonObject)got.Document)["packageRolloutPercentage"]));
                var up = await client.RolloutAsync(emu["app_id"], sid, RolloutAction.Update, percentage: 50);
                Assert.AreEqual(50.0, Convert.ToDouble(((JsonObject)up.Document)["packageRolloutPercentage"]));
                var halted = await client.RolloutAsync(emu["app_id"], sid, RolloutAction.Halt);
                Assert.AreEqual("PackageRolloutStopped", halted.Status);
                Assert.Throws<InvalidArgumentException>(() => client.RolloutAsync(emu["app_id"], sid, RolloutAction.Update).GetAwaiter().GetResult());
            }
        }

        [Test]
        public async Task RetriesA429AndALostCommitAnswer()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            using (var client = emu.Client())
            {
                emu.AddFault("{\"op\": \"devcenter.get_app\", \"status\": 429, \"headers\": {\"Retry-After\": \"0\"}, \"times\": 2}");
                var app = await client.Devcenter.GetAppAsync(emu["app_id"]);
                Assert.AreEqual(emu["app_id"], app.Id);
                emu.AddFault("{\"op\": \"devcenter.commit_app_submission\", \"status\": 503, \"after_work\": true, \"times\": 1}");
                var outcome = await client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(), new SubmissionOptions { FilesFolder = release.Folder });
                Assert.AreEqual("published", outcome.Stage);
            }
        }

        [Test]
        public async Task ADroppedConnectionAndATimedOutRequestAreRetried()
        {
            using (var emu = Emulator.Start())
            {
                var progress = new Recorder();
                using (var client = emu.Client(null, o => { o.RequestTimeout = TimeSpan.FromSeconds(0.5); o.Progress = progress; }))
                {
                    emu.AddFault("{\"op\": \"devcenter.get_app\", \"drop\": true, \"times\": 1}");
                    Assert.AreEqual(emu["app_id"], (await client.Devcenter.GetAppAsync(emu["app_id"])).Id);
                    emu.AddFault("{\"op\": \"devcenter.list_apps\", \"delay_ms\": 3000, \"times\": 1}");
                    var apps = await client.Devcenter.ListAppsAsync();
                    Assert.IsNotEmpty(apps.GetArray("value"));
                }
                // (Mono's HttpClient itself repeats a GET whose kept-alive connection was dropped; the timeout is the core's retry)
                var retries = progress.Events.Where(e => e.Kind == ProgressKind.Wait).Select(e => ((JsonObject)e.Json["reason"]).GetString("code")).ToList();
                CollectionAssert.Contains(retries, "timeout", "the timed-out request was retried");
                // a refused connection is a transport failure, retried, then raised as such
                using (var refused = emu.Client(null, o =>
                {
                    o.Endpoints.Devcenter = "http://127.0.0.1:9";
                    o.Retry = new StoreRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromSeconds(0.01), MaxDelay = TimeSpan.FromSeconds(0.01) };
                }))
                {
                    var ex = Assert.Throws<TransportException>(() => refused.Devcenter.ListAppsAsync().GetAwaiter().GetResult());
                    Assert.IsTrue(ex.Retryable);
                }
            }
        }

        [Test]
        public async Task AnyTokenSourceThroughAFuncCredential()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            {
                var scopes = new ConcurrentQueue<string>();
                StoreCredential inner = emu.Credential();
                // stands for Azure.Identity: tokens from the emulator's token service, fetched by hand
                var cred = StoreCredential.FromFunc(async (s, ct) =>
                {
                    foreach (var x in s) scopes.Enqueue(x);
                    using (var http = new HttpClient())
                    {
                        var form = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            { "grant_type", "client_credentials" }, { "client_id", emu["client_id"] },
                            { "client_secret", emu["client_secret"] }, { "scope", s[0] },
                        });
                        var r = await http.PostAsync(emu["token_url"] + "/" + emu["tenant_id"] + "/oauth2/v2.0/token", form, ct);
                        var body = (JsonObject)Json.Parse(await r.Content.ReadAsStringAsync());
                        return new StoreAccessToken((string)body["access_token"], DateTimeOffset.UtcNow.AddSeconds(Convert.ToDouble(body["expires_in"])));
                    }
                });
                var handler = new RecordingHandler();
                using (var client = emu.Client(cred, o => o.HttpMessageHandler = handler))
                {
                    var outcome = await client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(), new SubmissionOptions { FilesFolder = release.Folder });
                    Assert.AreEqual("published", outcome.Stage);
                    await client.Win32.GetPackagesAsync(emu["win32_product_id"]);
                    await client.Devcenter.GetAppAsync(emu["app_id"]);
                }
                CollectionAssert.AreEquivalent(
                    new[] { "https://manage.devcenter.microsoft.com/.default", "https://api.store.microsoft.com/.default" }, scopes.ToArray(),
                    "one token per scope: cached between calls");
                Assert.That(handler.Sent.All(s => !s.Contains("oauth2")), "the credential answered every token request");
                Assert.IsNotNull(inner);
            }
        }

        [Test]
        public void MissingFilesAreRefusedBeforeAnyRequest()
        {
            using (var emu = Emulator.Start())
            {
                var empty = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storesubmit-cs-empty-" + Guid.NewGuid().ToString("N"));
                System.IO.Directory.CreateDirectory(empty);
                var handler = new RecordingHandler();
                try
                {
                    using (var client = emu.Client(null, o => o.HttpMessageHandler = handler))
                    {
                        var ex = Assert.Throws<MissingFilesException>(() => client.PublishAppSubmissionAsync(emu["app_id"], AppChanges(),
                            new SubmissionOptions { FilesFolder = empty }).GetAwaiter().GetResult());
                        Assert.IsNotEmpty(ex.Issues);
                        Assert.IsTrue(ex.Issues.All(i => i.Code.StartsWith("files.", StringComparison.Ordinal)), string.Join(", ", ex.Issues));
                    }
                    CollectionAssert.IsEmpty(handler.Sent.ToList(), "nothing was sent");
                }
                finally
                {
                    System.IO.Directory.Delete(empty, true);
                }
            }
        }

        [Test]
        public void TypedErrorsFromTheService()
        {
            using (var emu = Emulator.Start())
            {
                using (var client = emu.Client())
                {
                    var nf = Assert.Throws<NotFoundException>(() => client.Devcenter.GetAppAsync("9NOPE").GetAwaiter().GetResult());
                    Assert.AreEqual(404, nf.Status);
                    Assert.AreEqual("not_found", nf.Code);
                    Assert.IsFalse(nf.Retryable);
                }
                using (var bad = emu.Client(emu.Credential("wrong-secret-value")))
                {
                    var auth = Assert.Throws<AuthenticationException>(() => bad.Devcenter.ListAppsAsync().GetAwaiter().GetResult());
                    Assert.AreEqual(401, auth.Status);
                    StringAssert.DoesNotContain("wrong-secret-value", auth.ToString() + auth.Message);
                }
                using (var noSeller = emu.Client(null, o => o.SellerId = null))
                {
                    var e = Assert.Throws<InvalidArgumentException>(() => noSeller.Win32.GetPackagesAsync(emu["win32_product_id"]).GetAwaiter().GetResult());
                    StringAssert.Contains("seller", e.Message.ToLowerInvariant());
                }
                using (var failing = emu.Client(StoreCredential.FromFunc((s, ct) => { throw new InvalidOperationException("vault said secret-in-message"); })))
                {
                    var e = Assert.Throws<AuthenticationException>(() => failing.Devcenter.ListAppsAsync().GetAwaiter().GetResult());
                    StringAssert.Contains("InvalidOperationException", e.Message);
                    StringAssert.DoesNotContain("secret-in-message", e.ToString());
                }
            }
        }
    }
}
