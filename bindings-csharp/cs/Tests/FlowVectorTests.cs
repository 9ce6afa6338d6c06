using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using StoreSubmit;

namespace StoreSubmit.Tests
{
    /// <summary>
    /// tests/vectors/flows: every transcript replayed on a native run (the C ABI's <c>storesubmit_run_*</c>, the
    /// core's <c>wire::Run</c>) by the rules of the flows README: one task at a time, oldest first, the
    /// transcript's clock and jitter; <c>list</c> tasks answered with the transcript's files.
    /// </summary>
    [TestFixture]
    public class FlowVectorTests
    {
        public static IEnumerable<string> Files()
        {
            return Directory.GetFiles(Repo.Vectors("flows"), "*.json").Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal);
        }

        private static JsonObject Request(JsonObject w)
        {
            var r = new JsonObject();
            switch (w.GetString("kind"))
            {
                case "devcenter.submission":
                    r["workflow"] = "submission";
                    r["target"] = w["target"];
                    r["spec"] = w["spec"];
                    var options = w.GetObject("options") ?? new JsonObject();
                    if (options.ContainsKey("stop_after")) r["stopAfter"] = options["stop_after"];
                    if (options.ContainsKey("pending")) r["pending"] = options["pending"];
                    break;
                case "win32.publish":
                case "ingestion.publish":
                    r["workflow"] = w.GetString("kind") == "win32.publish" ? "win32" : "ingestion";
                    r["productId"] = w["productId"];
                    r["spec"] = w["spec"];
                    r["stopAfter"] = w["stopAfter"];
                    break;
                case "resume":
                    r["workflow"] = "resume";
                    r["token"] = w["token"];
                    r["stopAfter"] = w["stopAfter"];
                    break;
                default:
                    Assert.Fail("unknown workflow kind " + w.GetString("kind"));
                    break;
            }
            return r;
        }

        private static byte[] Pattern(long offset, long length)
        {
            var b = new byte[length];
            for (long i = 0; i < length; i++) b[i] = (byte)((offset + i) % 251);
            return b;
        }

        [TestCaseSource("Files")]
        public void Replays(string file)
        {
            var v = (JsonObject)Repo.ReadJson(Repo.Vectors("flows", file));
            var clock = v.GetObject("clock");
            ulong now = (ulong)Long(clock["start"]);
            var jitter = Convert.ToDouble(clock["jitter"]);
            var files = v.GetObject("files") ?? new JsonObject();
            var secret = v.GetString("credentials") == "clientSecret" ? "vector-client-secret" : null;
            var seen = new StringBuilder();
            var stages = new List<string>();
            using (var flow = new NativeRun(v.GetObject("config"), secret, Request(v.GetObject("workflow"))))
            {
                flow.Now = now;
                flow.Jitter = jitter;
                var queue = new Queue<JsonObject>();
                var exchanges = v.GetArray("exchanges");
                var next = 0;
                var step = flow.Step(Repo.Obj("{\"kind\": \"start\"}"), null);
                while (true)
                {
                    seen.Append(step);
                    foreach (JsonObject p in step.GetArray("progress") ?? new JsonArray())
                        if (p.GetString("kind") == "stage") stages.Add(p.GetString("stage"));
                    if (step.GetString("kind") == "done") break;
                    foreach (JsonObject t in step.GetArray("tasks") ?? new JsonArray()) queue.Add(t);
                    Assert.IsNotEmpty(queue, file + ": the queue ran empty before done");
                    var task = queue.Dequeue();
                    var id = Long(task["id"]);
                    var evt = new JsonObject();
                    evt["id"] = id;
                    byte[] data = null;
                    if (task.GetString("kind") == "read")
                    {
                        var size = Long(files[task.GetString("name")]);
                        var offset = Long(task["offset"]);
                        var end = Math.Min(size, offset + Long(task["length"]));
                        evt["kind"] = "data";
                        data = Pattern(offset, Math.Max(0, end - offset));
                        flow.Now = now;
                        step = flow.Step(evt, data);
                        continue;
                    }
                    Assert.Less(next, exchanges.Count, file + ": more tasks than exchanges: " + task);
                    var ex = (JsonObject)exchanges[next++];
                    var want = ex.GetObject("task");
                    var where = file + " exchange " + (next - 1);
                    Match(where, want, task, flow);
                    if (ex["advance"] != null) now += (ulong)Long(ex["advance"]);
                    var answer = ex.GetObject("answer");
                    switch (answer.GetString("kind"))
                    {
                        case "response":
                            evt["kind"] = "response";
                            evt["status"] = answer["status"];
                            var headers = new JsonArray();
                            foreach (var h in answer.GetObject("headers") ?? new JsonObject()) headers.Add(new JsonArray { h.Key, h.Value });
                            if (answer.ContainsKey("json"))
                            {
                                headers.Add(new JsonArray { "Content-Type", "application/json" });
                                data = Encoding.UTF8.GetBytes(Json.Serialize(answer["json"]));
                            }
                            else if (answer.ContainsKey("text")) data = Encoding.UTF8.GetBytes(answer.GetString("text"));
                            evt["headers"] = headers;
                            break;
                        case "failed":
                            evt["kind"] = "failed";
                            var error = new JsonObject();
                            error["code"] = answer["error"];
                            error["message"] = answer["message"];
                            evt["error"] = error;
                            break;
                        case "waited":
                            now += (ulong)Math.Max(1, Math.Floor(Convert.ToDouble(task["seconds"])));
                            evt["kind"] = "waited";
                            break;
                        case "files":
                            evt["kind"] = "files";
                            evt["files"] = new JsonArray(files.Select(f => (object)new JsonObject { { "name", f.Key }, { "size", f.Value } }));
                            break;
                        case "sizes":
                            evt["kind"] = "sizes";
                            evt["sizes"] = new JsonArray(((JsonArray)task["names"]).Select(n => files[(string)n]));
                            break;
                        case "token":
                            evt["kind"] = "token";
                            evt["token"] = answer["token"];
                            evt["obtainedAt"] = (long)now;
                            evt["expiresOn"] = (long)now + Long(answer["expiresIn"]);
                            break;
                        default:
                            Assert.Fail(where + ": unknown answer kind");
                            break;
                    }
                    flow.Now = now;
                    step = flow.Step(evt, data);
                }
                Assert.AreEqual(exchanges.Count, next, file + ": exchanges left over");
                var outcome = v.GetObject("outcome");
                if (outcome.ContainsKey("ok"))
                {
                    var got = step.GetObject("outcome");
                    Assert.IsNotNull(got, file + ": the flow failed: " + step);
                    foreach (var kv in outcome.GetObject("ok"))
                    {
                        if (kv.Value == null) Assert.IsFalse(got.ContainsKey(kv.Key) && got[kv.Key] != null, file + ": " + kv.Key + " should be absent");
                        else Assert.IsTrue(JsonEq.DeepEquals(kv.Value, got[kv.Key]), file + ": outcome " + kv.Key + " = " + Json.Serialize(got[kv.Key]));
                    }
                }
                else
                {
                    var want = outcome.GetObject("error");
                    var got = step.GetObject("error");
                    Assert.IsNotNull(got, file + ": expected an error, got " + step);
                    Assert.AreEqual(want.GetString("code"), got.GetString("code"), file);
                    if (want.ContainsKey("status")) Assert.IsTrue(JsonEq.DeepEquals(want["status"], got["status"]), file + ": status");
                    foreach (var s in want.GetArray("messageContains") ?? new JsonArray()) StringAssert.Contains((string)s, got.GetString("message"), file);
                    if (want.ContainsKey("resumeToken"))
                        Assert.AreEqual(want["resumeToken"], got["resumeToken"], file + ": resume token");
                }
                if (outcome.ContainsKey("progress"))
                    CollectionAssert.AreEqual(((JsonArray)outcome["progress"]).Cast<string>().ToArray(), stages.ToArray(), file + ": stages");
            }
            var all = seen.ToString();
            StringAssert.DoesNotContain("vector-client-secret", all.Replace("client_secret=", ""), file);
            Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(all, "sig=(?!%3Credacted%3E|<redacted>)"), file + ": an unredacted sig");
        }

        private static long Long(object v) { return Convert.ToInt64(v); }

        private static void Match(string where, JsonObject want, JsonObject task, NativeRun flow)
        {
            Assert.AreEqual(want.GetString("kind"), task.GetString("kind"), where + ": task kind, got " + task);
            switch (want.GetString("kind"))
            {
                case "send":
                    Assert.AreEqual(want.GetString("method"), task.GetString("method"), where);
                    Assert.AreEqual(want.GetString("url"), Offline.RedactUrl(task.GetString("url")), where);
                    Assert.IsTrue(JsonEq.DeepEquals(want["purpose"], task["purpose"]), where + ": purpose " + Json.Serialize(task["purpose"]));
                    var headers = ((JsonArray)task["headers"]).Cast<JsonArray>().ToList();
                    foreach (var h in want.GetObject("headers") ?? new JsonObject())
                    {
                        var got = headers.FirstOrDefault(x => string.Equals((string)x[0], h.Key, StringComparison.OrdinalIgnoreCase));
                        Assert.IsNotNull(got, where + ": header " + h.Key + " missing");
                        var value = (string)got[1];
                        if (!string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)) value = Offline.Redact(value);
                        Assert.AreEqual(h.Value, value, where + ": header " + h.Key);
                    }
                    var body = flow.TakeBody((ulong)Long(task["id"]));
                    if (want.ContainsKey("body")) Body(where, want["body"] as JsonObject, body);
                    break;
                case "wait":
                    Assert.AreEqual(Convert.ToDouble(want["seconds"]), Convert.ToDouble(task["seconds"]), 0.0005, where);
                    Assert.IsTrue(JsonEq.DeepEquals(want["reason"], task["reason"]), where + ": reason " + Json.Serialize(task["reason"]));
                    break;
                case "list":
                    Assert.AreEqual(want["archive"], task["archive"], where + ": archive");
                    break;
                case "stat":
                    Assert.IsTrue(JsonEq.DeepEquals(want["names"], task["names"]), where);
                    break;
                case "token":
                    Assert.AreEqual(want.GetString("family"), task.GetString("family"), where);
                    Assert.AreEqual(want.GetString("scope"), task.GetString("scope"), where);
                    break;
            }
        }

        private static void Body(string where, JsonObject want, byte[] body)
        {
            if (want == null) { Assert.AreEqual(0, body.Length, where + ": body should be empty"); return; }
            var text = Encoding.UTF8.GetString(body);
            if (want.ContainsKey("json")) Assert.IsTrue(JsonEq.DeepEquals(want["json"], Json.Parse(text)), where + ": json body " + text);
            else if (want.ContainsKey("text")) Assert.AreEqual(want.GetString("text"), text, where);
            else if (want.ContainsKey("form"))
            {
                var form = new JsonObject();
                foreach (var pair in text.Split('&'))
                {
                    var kv = pair.Split(new[] { '=' }, 2);
                    var k = Uri.UnescapeDataString(kv[0].Replace('+', ' '));
                    var val = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
                    form[k] = k == "client_secret" ? "<redacted>" : val;
                }
                Assert.IsTrue(JsonEq.DeepEquals(want["form"], form), where + ": form " + Json.Serialize(form));
            }
            else if (want.ContainsKey("sha256"))
            {
                Assert.AreEqual(Long(want["length"]), body.LongLength, where + ": body length");
                using (var sha = SHA256.Create())
                    Assert.AreEqual(want.GetString("sha256"), string.Concat(sha.ComputeHash(body).Select(b => b.ToString("x2"))), where + ": body sha256");
            }
        }
    }

    internal static class QueueExtensions
    {
        internal static void Add(this Queue<JsonObject> q, JsonObject item) { q.Enqueue(item); }
    }
}
