using System;
using System.CodeDom.Compiler;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CSharp;
using NUnit.Framework;
using StoreSubmit;
using StoreSubmit.Models;

namespace StoreSubmit.Tests
{
    /// <summary>
    /// The .NET points of issue 23's "Why", each failing on the library before it: cancellation is an
    /// <see cref="OperationCanceledException"/> with the resume token; our names do not collide with
    /// Azure.Core/Azure.Identity; the facade is typed (changes, enums, outcome, progress); connection errors name
    /// the request; <c>RunAsync(request)</c> runs the pre-flight checks; validate has one signature with the change
    /// mode; AllErrorCodes has the one shape.
    /// </summary>
    [TestFixture]
    public class IdiomTests
    {
        [Test]
        public async Task ACancelledRunIsAnOperationCanceledExceptionCarryingTheResumeToken()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            using (var cts = new CancellationTokenSource())
            using (var client = emu.Client(null, o => o.Upload = new BlockUploadOptions { BlockSize = 256 << 10, Concurrency = 1 }))
            {
                var progress = new Recorder();
                var cancelAtUpload = new CancelAt { Source = cts, Stage = "upload", Inner = progress };
                OperationCanceledException caught = null;
                try
                {
                    await client.PublishAppSubmissionAsync(emu["app_id"], EndToEndTests.AppChanges(),
                        new SubmissionOptions { FilesFolder = release.Folder, Progress = cancelAtUpload }, cts.Token);
                }
                catch (OperationCanceledException e)
                {
                    caught = e;
                }
                Assert.IsNotNull(caught, "catch (OperationCanceledException) catches a cancelled run");
                Assert.AreEqual(cts.Token, caught.CancellationToken);
                var token = ((CancelledException)caught).ResumeToken;
                Assert.IsNotNull(token, "the resume token survives the cancel");
                Assert.IsTrue(progress.Events.Any(e => e.Kind == ProgressKind.Resumable && e.ResumeToken != null), "a resumable event came first");
                var done = await client.ResumeAsync(token, new ResumeOptions { FilesFolder = release.Folder });
                Assert.AreEqual("published", done.Stage);
            }
        }

        [Test]
        public async Task WithAJournalTheSameCallContinuesACancelledRunAndAnswersAnEndedOne()
        {
            var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "storesubmit-cs-journal-" + Guid.NewGuid().ToString("N"));
            try
            {
                using (var emu = Emulator.Start())
                using (var release = new Release())
                using (var cts = new CancellationTokenSource())
                using (var client = emu.Client(null, o =>
                {
                    o.Upload = new BlockUploadOptions { BlockSize = 256 << 10, Concurrency = 1 };
                    o.Journal = journal;
                }))
                {
                    var cancelAtUpload = new CancelAt { Source = cts, Stage = "upload", Inner = new Recorder() };
                    CancelledException caught = null;
                    try
                    {
                        await client.PublishAppSubmissionAsync(emu["app_id"], EndToEndTests.AppChanges(),
                            new SubmissionOptions { FilesFolder = release.Folder, Progress = cancelAtUpload }, cts.Token);
                    }
                    catch (CancelledException e)
                    {
                        caught = e;
                    }
                    Assert.IsNotNull(caught, "the run was cancelled at the upload");
                    Assert.AreEqual(1, System.IO.Directory.GetFiles(journal).Length, "its journal entry");
                    var options = new SubmissionOptions { FilesFolder = release.Folder };
                    var done = await client.PublishAppSubmissionAsync(emu["app_id"], EndToEndTests.AppChanges(), options);
                    Assert.AreEqual("published", done.Stage);
                    StringAssert.Contains(done.SubmissionId, caught.ResumeToken, "the same submission, not a second one");
                    var again = await client.PublishAppSubmissionAsync(emu["app_id"], EndToEndTests.AppChanges(), options);
                    Assert.AreEqual(done.SubmissionId, again.SubmissionId, "the outcome the journal kept");
                }
            }
            finally
            {
                if (System.IO.Directory.Exists(journal)) System.IO.Directory.Delete(journal, true);
            }
        }

        private sealed class CancelAt : IProgress<ProgressEvent>
        {
            internal CancellationTokenSource Source;
            internal string Stage;
            internal IProgress<ProgressEvent> Inner;

            public void Report(ProgressEvent e)
            {
                Inner.Report(e);
                if (e.Kind == ProgressKind.Stage && e.Stage == Stage) Source.Cancel();
            }
        }

        /// <summary>Stand-ins for the Azure.Core and Azure.Identity types the README's bridge uses, under their real names.</summary>
        private const string AzureStandIns = @"
namespace Azure.Core
{
    using System; using System.Threading; using System.Threading.Tasks;
    public struct AccessToken
    {
        public AccessToken(string token, DateTimeOffset expiresOn) { Token = token; ExpiresOn = expiresOn; }
        public string Token { get; private set; }
        public DateTimeOffset ExpiresOn { get; private set; }
    }
    public struct TokenRequestContext
    {
        public TokenRequestContext(string[] scopes) { Scopes = scopes; }
        public string[] Scopes { get; private set; }
    }
    public abstract class TokenCredential
    {
        public abstract ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken);
    }
}
namespace Azure.Identity
{
    using System; using System.Threading; using System.Threading.Tasks; using Azure.Core;
    public class ClientSecretCredential : TokenCredential
    {
        public ClientSecretCredential(string tenantId, string clientId, string clientSecret) { }
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            return new ValueTask<AccessToken>(new AccessToken(""azure:"" + string.Join("" "", requestContext.Scopes), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        }
    }
}";

        /// <summary>The README's second C# block of the .NET section: the bridge from an Azure TokenCredential.</summary>
        private static string ReadmeBridge()
        {
            var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
            var start = Array.FindIndex(lines, l => l.StartsWith("## .NET", StringComparison.Ordinal));
            var blocks = 0;
            for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
            {
                if (lines[i] != "```csharp" || ++blocks < 2) continue;
                var end = Array.IndexOf(lines, "```", i + 1);
                return string.Join("\n", lines.Skip(i + 1).Take(end - i - 1));
            }
            Assert.Fail("README.md has no second ```csharp block in its .NET section");
            return null;
        }

        [Test]
        public async Task AzureCoreAndAzureIdentityCompileBesideStoreSubmitAndBridgeInOneLine()
        {
            using (var provider = new CSharpCodeProvider())
            {
                var output = Path.Combine(Path.GetTempPath(), "storesubmit-azure-bridge-" + Guid.NewGuid().ToString("N") + ".dll");
                var options = new CompilerParameters { OutputAssembly = output };
                options.ReferencedAssemblies.Add("System.dll");
                options.ReferencedAssemblies.Add("System.Net.Http.dll");
                options.ReferencedAssemblies.Add(typeof(StoreCredential).Assembly.Location);
                var result = provider.CompileAssemblyFromSource(options, AzureStandIns, ReadmeBridge());
                var errors = result.Errors.Cast<CompilerError>().Where(e => !e.IsWarning).Select(e => e.ErrorNumber + " " + e.ErrorText).ToList();
                CollectionAssert.IsEmpty(errors, "with `using Azure.Core; using Azure.Identity; using StoreSubmit;` (CS0104 is an ambiguous name)");
                try
                {
                    var bridge = result.CompiledAssembly.GetType("AzureBridge");
                    var azure = Activator.CreateInstance(result.CompiledAssembly.GetType("Azure.Identity.ClientSecretCredential"), "t", "c", "s");
                    var credential = (StoreTokenCredential)bridge.GetMethod("FromAzure").Invoke(null, new[] { azure });
                    var token = await credential.GetTokenAsync(new[] { "https://manage.devcenter.microsoft.com/.default" }, CancellationToken.None);
                    Assert.AreEqual("azure:https://manage.devcenter.microsoft.com/.default", token.Token);
                    Assert.AreEqual(2040, token.ExpiresOn.Year);
                }
                finally
                {
                    File.Delete(output);
                }
            }
        }

        [Test]
        public void TheFacadeIsTypedChangesOutcomeProgressAndEnums()
        {
            var typed = typeof(StoreSubmitClient).GetMethod("PublishAppSubmissionAsync",
                new[] { typeof(string), typeof(AppSubmission), typeof(SubmissionOptions), typeof(CancellationToken) });
            Assert.IsNotNull(typed, "PublishAppSubmissionAsync(string, AppSubmission, SubmissionOptions, CancellationToken)");
            Assert.AreEqual(typeof(Task<Outcome<AppSubmission>>), typed.ReturnType, "typed changes, typed outcome");
            Assert.AreEqual(typeof(AppSubmission), typeof(Outcome<AppSubmission>).GetProperty("Document", typeof(AppSubmission)).PropertyType);
            Assert.IsTrue(typeof(Outcome).IsAssignableFrom(typeof(Outcome<AppSubmission>)), "Outcome<T> is an Outcome");
            var untyped = typeof(StoreSubmitClient).GetMethod("PublishAppSubmissionAsync",
                new[] { typeof(string), typeof(object), typeof(SubmissionOptions), typeof(CancellationToken) });
            Assert.AreEqual(typeof(Task<Outcome>), untyped.ReturnType, "any JSON object as the changes: an Outcome");
            Assert.IsNotNull(typeof(StoreSubmitClient).GetMethod("PublishAddonSubmissionAsync",
                new[] { typeof(string), typeof(AddonSubmission), typeof(SubmissionOptions), typeof(CancellationToken) }));
            Assert.AreEqual(typeof(ProgressKind), typeof(ProgressEvent).GetProperty("Kind").PropertyType);
            Assert.IsNotNull(typeof(Outcome).GetMethod("DocumentAs"), "Outcome.DocumentAs<T>() gives a typed document");
            var options = new SubmissionOptions();
            Assert.AreEqual(StopAfter.Published, options.StopAfter, "the manifest's default");
            Assert.AreEqual(PendingPolicy.Reuse, options.Pending);
            Assert.AreEqual(OldPackages.Replace, options.OldPackages);
            var rollout = typeof(StoreSubmitClient).GetMethod("RolloutAsync").GetParameters().Single(p => p.Name == "action");
            Assert.AreEqual(typeof(RolloutAction), rollout.ParameterType);
            Assert.AreEqual(RolloutAction.Get, rollout.DefaultValue);
            var outcome = new Outcome(Repo.Obj("{\"document\": {\"applicationPackages\": [{\"fileName\": \"a.msixupload\"}]}, \"resumeToken\": \"t\"}"));
            Assert.AreEqual("a.msixupload", outcome.DocumentAs<AppSubmission>().ApplicationPackages[0].FileName);
            Assert.AreEqual("a.msixupload", new Outcome<AppSubmission>(outcome.Json).Document.ApplicationPackages[0].FileName);
            Assert.AreEqual("t", outcome.ResumeToken, "the resume token is a string, named as everywhere");
        }

        [Test]
        public void ASharedOptionsClassRefusesAnOptionTheWorkflowDoesNotHave()
        {
            using (var client = new StoreSubmitClient(null))
            {
                var e = Assert.Throws<ArgumentException>(() => client.PublishAddonSubmissionAsync("9ADDON", (object)null,
                    new SubmissionOptions { RolloutPercentage = 10 }).GetAwaiter().GetResult());
                StringAssert.Contains("rolloutPercentage: not an option of publishAddonSubmission", e.Message);
            }
        }

        [Test]
        public void RunningAProjectFilesRequestChecksItsFilesBeforeAnyRequest()
        {
            using (var emu = Emulator.Start())
            using (var release = new Release())
            {
                var handler = new RecordingHandler();
                using (var client = emu.Client(null, o => o.HttpMessageHandler = handler))
                {
                    var request = Repo.Obj("{\"workflow\": \"submission\", \"target\": {\"type\": \"app\", \"appId\": \"" + emu["app_id"] + "\"}, " +
                        "\"spec\": {\"changes\": {\"applicationPackages\": [{\"fileName\": \"missing.msixupload\"}]}}}");
                    var e = Assert.Throws<MissingFilesException>(() => client.RunAsync(request, release.Folder).GetAwaiter().GetResult());
                    Assert.IsTrue(e.Issues.Any(i => i.Code == "files.missing"), string.Join(", ", e.Issues));
                }
                CollectionAssert.IsEmpty(handler.Sent.ToList(), "the pre-flight stage refused it before any request (a token request included)");
            }
        }

        [Test]
        public void AConnectionErrorNamesItsRequest()
        {
            var options = new StoreSubmitClientOptions
            {
                Endpoints = new ServiceEndpoints { Devcenter = "http://127.0.0.1:9" },
                Retry = new StoreRetryOptions { MaxAttempts = 1 },
            };
            var credential = StoreCredential.FromFunc((s, ct) => Task.FromResult(new StoreAccessToken("t", DateTimeOffset.UtcNow.AddHours(1))));
            using (var client = new StoreSubmitClient(credential, options))
            {
                var e = Assert.Throws<TransportException>(() => client.Devcenter.ListAppsAsync().GetAwaiter().GetResult());
                StringAssert.Contains("(GET http://127.0.0.1:9/v1.0/my/applications", e.Message);
                Assert.AreEqual("devcenter.list_apps", e.Request.Op);
                Assert.AreEqual("GET", e.Request.Method);
            }
        }

        [Test]
        public async Task AServiceErrorNamesItsRequestFromAMethodAndAWorkflow()
        {
            using (var emu = Emulator.Start())
            using (var client = emu.Client())
            {
                var direct = Assert.Throws<NotFoundException>(() => client.Devcenter.GetAppAsync("9NOSUCHAPP").GetAwaiter().GetResult());
                var viaWorkflow = (NotFoundException)null;
                try
                {
                    await client.CallAsync("devcenter.get_app", Repo.Obj("{\"applicationId\": \"9NOSUCHAPP\"}"));
                }
                catch (NotFoundException e)
                {
                    viaWorkflow = e;
                }
                foreach (var e in new[] { direct, viaWorkflow })
                {
                    Assert.IsNotNull(e, "a 404 is a NotFoundException");
                    Assert.AreEqual("devcenter.get_app", e.Request.Op);
                    Assert.AreEqual("GET", e.Request.Method);
                    StringAssert.Contains("/v1.0/my/applications/9NOSUCHAPP", e.Request.Url);
                    StringAssert.Contains("(GET " + e.Request.Url, e.Message, "the text names the request");
                }
            }
        }

        [Test]
        public void NoPublicTypeSharesANameWithAzureCoreOrAzureIdentity()
        {
            // public names of Azure.Core (first line) and Azure.Identity (the rest) a program may meet beside ours
            var azure = new[]
            {
                "TokenCredential", "AccessToken", "TokenRequestContext", "ClientOptions", "RetryOptions", "RetryMode", "DiagnosticsOptions",
                "DelayStrategy", "AzureLocation", "ResourceIdentifier", "ResourceType", "RequestContent", "RequestMethod", "HttpMessage", "HttpHeader",
                "ClientSecretCredential", "DefaultAzureCredential", "ManagedIdentityCredential", "WorkloadIdentityCredential",
                "ClientCertificateCredential", "AzureCliCredential", "EnvironmentCredential", "ChainedTokenCredential",
                "InteractiveBrowserCredential", "DeviceCodeCredential", "UsernamePasswordCredential", "ClientAssertionCredential",
                "AuthenticationFailedException", "CredentialUnavailableException", "TokenCredentialOptions", "AuthenticationRecord", "AzureAuthorityHosts",
            };
            var ours = typeof(StoreSubmitClient).Assembly.GetExportedTypes().Select(t => t.Name).ToList();
            CollectionAssert.IsEmpty(ours.Intersect(azure).ToList(), "each would be CS0104 beside `using Azure.Core; using Azure.Identity;`");
        }

        [Test]
        public void ValidateHasOneSignatureWithTheChangeMode()
        {
            var changes = new AppSubmission { ApplicationPackages = new ModelList<ApplicationPackage>() };
            changes.ApplicationPackages.Add(new ApplicationPackage { FileName = "Contoso.App_1.2.0.0_x64.msixupload" });
            var asChanges = Validator.Validate(changes, new ValidateOptions { Kind = DocumentKind.AppSubmission, Change = true });
            Assert.IsTrue(asChanges.Valid, string.Join(", ", asChanges.Issues));
            var whole = Validator.Validate(changes, new ValidateOptions { Kind = DocumentKind.AppSubmission });
            Assert.IsFalse(whole.Valid);
            Assert.IsTrue(whole.Issues.Any(i => i.Code == "field.required"));
            Assert.AreEqual(DocumentKind.AppSubmission, Validator.Validate(changes).Kind, "the kind is guessed");
        }

        [Test]
        public void AllErrorCodesHasTheShapeOfEveryBinding()
        {
            var manifest = Repo.Manifest().GetArray("errors").Cast<JsonObject>().ToList();
            var codes = Offline.AllErrorCodes();
            Assert.AreEqual(manifest.Count, codes.Count);
            for (var i = 0; i < codes.Count; i++)
            {
                Assert.AreEqual(manifest[i].GetString("code"), codes[i].Code);
                Assert.AreEqual(Convert.ToInt32(manifest[i]["number"]), codes[i].Number);
                Assert.AreEqual(manifest[i]["retryable"], codes[i].Retryable);
                Assert.AreEqual(manifest[i].GetString("description"), codes[i].Description);
            }
            Assert.AreEqual(Repo.Manifest().GetArray("issues").Count, Offline.AllIssueCodes().Count);
        }
    }
}
