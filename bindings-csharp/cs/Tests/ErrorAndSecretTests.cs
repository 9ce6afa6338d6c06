using System;
using System.Linq;
using System.Threading;
using NUnit.Framework;
using StoreSubmit;

namespace StoreSubmit.Tests
{
    [TestFixture]
    public class ErrorTests
    {
        private static JsonArray ManifestErrors() { return Repo.Manifest().GetArray("errors"); }

        [Test]
        public void EveryManifestErrorCodeMapsToItsOwnExceptionClass()
        {
            var errors = ManifestErrors();
            Assert.GreaterOrEqual(errors.Count, 25);
            var classes = new System.Collections.Generic.HashSet<Type>();
            foreach (JsonObject e in errors)
            {
                var code = e.GetString("code");
                var json = new JsonObject();
                json["code"] = code;
                json["number"] = e["number"];
                json["message"] = "m";
                json["status"] = e["status"];
                json["retryable"] = e["retryable"];
                json["correlationId"] = "corr-1";
                var any = StoreSubmitException.FromJson(json);
                Assert.AreNotEqual(typeof(StoreSubmitException), any.GetType(), code + " has its own class");
                Assert.IsTrue(classes.Add(any.GetType()), code + ": one class per code");
                var ex = any as StoreSubmitException;
                if (code == "cancelled")
                {
                    var c = (CancelledException)any;
                    Assert.IsInstanceOf<OperationCanceledException>(c, "a cancellation is an OperationCanceledException");
                    Assert.AreEqual(code, c.Code);
                    Assert.AreEqual(Convert.ToInt64(e["number"]), c.Number);
                }
                else
                {
                    Assert.AreEqual(code, ex.Code);
                    Assert.AreEqual(Convert.ToInt64(e["number"]), ex.Number);
                    Assert.AreEqual(e["retryable"], ex.Retryable, code);
                    Assert.AreEqual(e["status"] == null ? (int?)null : Convert.ToInt32(e["status"]), ex.Status, code);
                    Assert.AreEqual("corr-1", ex.CorrelationId);
                }
                var any2 = any;
                Assert.AreEqual(code, any2.GetType().GetField("ErrorCode").GetValue(null));
                Assert.AreEqual(Convert.ToInt32(e["number"]), any2.GetType().GetField("ErrorNumber").GetValue(null));
                // the number alone (the C ABI's return value) finds the same class
                var byNumber = new JsonObject();
                byNumber["number"] = e["number"];
                Assert.AreEqual(any.GetType(), StoreSubmitException.FromJson(byNumber).GetType(), code + " by number");
                Assert.AreEqual(any.GetType(), StoreSubmitException.ExceptionTypes[code]);
            }
            Assert.AreEqual(errors.Count, StoreSubmitException.ExceptionTypes.Count, "no class for a code the manifest lacks");
            Assert.IsInstanceOf<ValidationException>(StoreSubmitException.FromJson(Repo.Obj("{\"code\": \"validation\"}")));
            Assert.AreEqual(typeof(StoreSubmitException), StoreSubmitException.FromJson(Repo.Obj("{\"code\": \"from_the_future\"}")).GetType());
        }

        [Test]
        public void EveryHostFailureCodeComesBackFromTheNativeRunAsItsClass()
        {
            // a failed completion reported with each code ends the run (no retries left) with that code's class
            foreach (JsonObject e in ManifestErrors())
            {
                var code = e.GetString("code");
                var options = Repo.Obj("{\"retry\": {\"maxAttempts\": 1}, \"endpoints\": {\"devcenter\": \"http://127.0.0.1:9/d\", \"token\": \"http://127.0.0.1:9/t\"}}");
                var request = Repo.Obj("{\"workflow\": \"call\", \"op\": \"devcenter.get_app\", \"args\": {\"applicationId\": \"9APP\"}}");
                using (var flow = new NativeRun(options, null, request))
                {
                    var step = flow.Step(Repo.Obj("{\"kind\": \"start\"}"), null);
                    var token = (JsonObject)step.GetArray("tasks")[0];
                    Assert.AreEqual("token", token.GetString("kind"));
                    step = flow.Step(Repo.Obj("{\"id\": " + token["id"] + ", \"kind\": \"token\", \"token\": \"t\", \"expiresOn\": 4000000000}"), null);
                    var send = (JsonObject)step.GetArray("tasks")[0];
                    var failed = Repo.Obj("{\"id\": " + send["id"] + ", \"kind\": \"failed\", \"error\": {\"message\": \"host says no\"}}");
                    failed.GetObject("error")["code"] = code;
                    step = flow.Step(failed, null);
                    Assert.AreEqual("done", step.GetString("kind"), code + ": " + step);
                    var ex = StoreSubmitException.FromJson(step.GetObject("error"));
                    Assert.AreEqual(StoreSubmitException.ExceptionTypes[code], ex.GetType());
                    StringAssert.Contains("host says no", ex.Message);
                }
            }
        }

        [Test]
        public void NativeRefusalsAreTypedInvalidArgumentErrors()
        {
            var ex = Assert.Throws<InvalidArgumentException>(() => new NativeRun(Repo.Obj("{\"retry\": {\"maxAttempts\": \"x\"}}"), null,
                Repo.Obj("{\"workflow\": \"call\", \"op\": \"devcenter.get_app\"}")));
            Assert.AreEqual(1, ex.Number);
            StringAssert.StartsWith("/retry", ex.Message);
            var wf = Assert.Throws<InvalidArgumentException>(() => new NativeRun(null, null, Repo.Obj("{\"workflow\": \"deploy\"}")));
            StringAssert.Contains("workflow/workflow", wf.Message);
        }
    }

    [TestFixture]
    public class SecretTests
    {
        private const string Secret = "S3cret+Value/With=Symbols";

        [Test]
        public void CredentialsAndTokensNeverShowTheSecret()
        {
            var cred = new StoreClientSecretCredential("tenant-1", "client-1", Secret);
            StringAssert.DoesNotContain(Secret, cred.ToString());
            StringAssert.Contains("tenant-1", cred.ToString());
            var token = new StoreAccessToken("eyJ.secret-token.sig", DateTimeOffset.UtcNow.AddHours(1));
            StringAssert.DoesNotContain("secret-token", token.ToString());
            using (var client = new StoreSubmitClient(cred))
                StringAssert.DoesNotContain(Secret, client.ToString());
            var fn = StoreCredential.FromFunc((s, ct) => System.Threading.Tasks.Task.FromResult(token));
            StringAssert.DoesNotContain("secret-token", fn.ToString());
        }

        [Test]
        public void ErrorsFromTheTokenServiceDoNotEchoTheSecret()
        {
            using (var emu = Emulator.Start())
            using (var client = emu.Client(emu.Credential(Secret)))
            {
                var ex = Assert.Throws<AuthenticationException>(() => client.Devcenter.ListAppsAsync().GetAwaiter().GetResult());
                foreach (var text in new[] { ex.ToString(), ex.Message, string.Join(" ", ex.ServerErrors.Select(s => s.ToString())) })
                {
                    StringAssert.DoesNotContain(Secret, text);
                    StringAssert.DoesNotContain(Uri.EscapeDataString(Secret), text);
                }
            }
        }

        [Test]
        public void ASasSignatureInAnErrorMessageIsRedacted()
        {
            var flowError = Repo.Obj("{\"code\": \"transport\", \"message\": \"PUT https://a.blob.core.windows.net/c/x.zip?sv=2020-01-01&sig=SECRETSIG reset\"}");
            // the core builds the error (Error::new scrubs secrets) from what the host reported
            var options = Repo.Obj("{\"retry\": {\"maxAttempts\": 1}, \"endpoints\": {\"devcenter\": \"http://127.0.0.1:9/d\", \"token\": \"http://127.0.0.1:9/t\"}}");
            using (var flow = new NativeRun(options, null, Repo.Obj("{\"workflow\": \"call\", \"op\": \"devcenter.list_apps\"}")))
            {
                var step = flow.Step(Repo.Obj("{\"kind\": \"start\"}"), null);
                var id = ((JsonObject)step.GetArray("tasks")[0])["id"];
                step = flow.Step(Repo.Obj("{\"id\": " + id + ", \"kind\": \"token\", \"token\": \"t\", \"expiresOn\": 4000000000}"), null);
                id = ((JsonObject)step.GetArray("tasks")[0])["id"];
                var failed = Repo.Obj("{\"id\": " + id + ", \"kind\": \"failed\"}");
                failed["error"] = flowError;
                step = flow.Step(failed, null);
                var ex = StoreSubmitException.FromJson(step.GetObject("error"));
                StringAssert.DoesNotContain("SECRETSIG", ex.ToString());
                StringAssert.Contains("sig=<redacted>", ex.Message);
            }
        }
    }
}
