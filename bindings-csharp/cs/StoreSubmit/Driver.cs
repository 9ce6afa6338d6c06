using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace StoreSubmit
{
    /// <summary>
    /// What a host does for a machine's tasks: send requests with <see cref="HttpClient"/>, sleep, read the
    /// files folder, write the output stream, ask the credential. It moves bytes only; every decision
    /// (retries, token refresh, paging, upload blocks) is the core's.
    /// </summary>
    internal sealed class HostIO
    {
        internal HttpClient Http;
        internal string Folder;
        internal Stream Output;
        internal TokenCredential Credential;

        /// <summary>The completion of a task: its event JSON and the bytes that go with it.</summary>
        internal struct Done
        {
            public JsonObject Event;
            public byte[] Data;
        }

        internal async Task<Done> RunAsync(JsonObject task, IMachine machine, CancellationToken ct)
        {
            var id = Convert.ToUInt64(task["id"], CultureInfo.InvariantCulture);
            var evt = new JsonObject();
            evt["id"] = (long)id;
            byte[] data = null;
            try
            {
                switch (task.GetString("kind"))
                {
                    case "send":
                        data = await SendAsync(task, machine.TakeBody(id), evt, ct).ConfigureAwait(false);
                        break;
                    case "wait":
                        var secs = Convert.ToDouble(task["seconds"], CultureInfo.InvariantCulture);
                        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, secs)), ct).ConfigureAwait(false);
                        evt["kind"] = "waited";
                        break;
                    case "stat":
                        evt["sizes"] = Interop.Native.FilesStat(Root(), (JsonArray)task["names"]);
                        evt["kind"] = "sizes";
                        break;
                    case "read":
                        data = Interop.Native.FilesRead(Root(), task.GetString("name"), Convert.ToInt64(task["offset"], CultureInfo.InvariantCulture),
                            Convert.ToInt64(task["length"], CultureInfo.InvariantCulture));
                        evt["kind"] = "data";
                        break;
                    case "write":
                        await WriteAsync(Convert.ToInt64(task["offset"], CultureInfo.InvariantCulture), machine.TakeBody(id), ct)
                            .ConfigureAwait(false);
                        evt["kind"] = "written";
                        break;
                    case "token":
                        await TokenAsync(task.GetString("scope"), evt, ct).ConfigureAwait(false);
                        break;
                    default:
                        Fail(evt, "unsupported", "this host does not know the task kind '" + task.GetString("kind") + "'");
                        break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (HostFailure f)
            {
                Fail(evt, f.Code, f.Message);
                data = null;
            }
            catch (StoreSubmitException e)
            {
                Fail(evt, e.Code, e.Message);
                data = null;
            }
            catch (IOException e)
            {
                Fail(evt, "io", e.GetType().Name + ": " + e.Message);
                data = null;
            }
            catch (UnauthorizedAccessException e)
            {
                Fail(evt, "io", e.GetType().Name + ": " + e.Message);
                data = null;
            }
            return new Done { Event = evt, Data = data };
        }

        private static void Fail(JsonObject evt, string code, string message)
        {
            evt["kind"] = "failed";
            var error = new JsonObject();
            error["code"] = code;
            error["message"] = message;
            evt["error"] = error;
        }

        private sealed class HostFailure : Exception
        {
            public readonly string Code;

            public HostFailure(string code, string message) : base(message) { Code = code; }
        }

        private async Task<byte[]> SendAsync(JsonObject task, byte[] body, JsonObject evt, CancellationToken ct)
        {
            var request = new HttpRequestMessage(new HttpMethod(task.GetString("method")), task.GetString("url"));
            var contentHeaders = new List<KeyValuePair<string, string>>();
            foreach (var h in (JsonArray)task["headers"])
            {
                var pair = (JsonArray)h;
                var name = (string)pair[0];
                var value = (string)pair[1];
                if (!request.Headers.TryAddWithoutValidation(name, value)) contentHeaders.Add(new KeyValuePair<string, string>(name, value));
            }
            if (body.Length > 0 || contentHeaders.Count > 0)
            {
                request.Content = new ByteArrayContent(body);
                foreach (var h in contentHeaders)
                {
                    request.Content.Headers.Remove(h.Key);
                    request.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                }
            }
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var secs = task["timeout"];
                if (Json.IsNumber(secs)) timeout.CancelAfter(TimeSpan.FromSeconds(Convert.ToDouble(secs, CultureInfo.InvariantCulture)));
                try
                {
                    using (request)
                    using (var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                    {
                        var bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var headers = new JsonArray();
                        var all = response.Headers.AsEnumerable();
                        if (response.Content != null) all = all.Concat(response.Content.Headers);
                        foreach (var h in all)
                            foreach (var v in h.Value)
                                headers.Add(new JsonArray { h.Key, v });
                        evt["kind"] = "response";
                        evt["status"] = (long)(int)response.StatusCode;
                        evt["headers"] = headers;
                        return bytes;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new HostFailure("timeout", "no answer within the request timeout");
                }
                catch (HttpRequestException e)
                {
                    throw new HostFailure("transport", Describe(e));
                }
                catch (IOException e)
                {
                    // a connection dropped while the body was read: no answer, as for a refused connection
                    throw new HostFailure("transport", Describe(e));
                }
            }
        }

        private static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x != null; x = x.InnerException) parts.Add(x.Message);
            return string.Join(": ", parts);
        }

        private string Root()
        {
            if (Folder == null)
                throw new HostFailure("invalid_argument", "this workflow reads files: pass the files folder (FilesFolder)");
            return Folder;
        }

        private async Task WriteAsync(long offset, byte[] bytes, CancellationToken ct)
        {
            if (Output == null) throw new HostFailure("invalid_argument", "this job writes output: pass an output stream");
            if (Output.CanSeek) Output.Seek(offset, SeekOrigin.Begin);
            else if (offset != _written)
                throw new HostFailure("io", "the output stream cannot seek to offset " + offset);
            await Output.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
            _written = offset + bytes.Length;
        }

        private long _written;

        private async Task TokenAsync(string scope, JsonObject evt, CancellationToken ct)
        {
            if (Credential == null) throw new HostFailure("auth", "no credential answers token requests");
            AccessToken token;
            try
            {
                token = await Credential.GetTokenAsync(new[] { scope }, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // The credential's own text is not copied (it may hold what it was given).
                throw new HostFailure("auth", "the credential could not get a token for " + scope + " (" + e.GetType().Name + ")");
            }
            evt["kind"] = "token";
            evt["token"] = token.Token;
            evt["expiresOn"] = token.ExpiresOn.ToUnixTimeSeconds();
            evt["obtainedAt"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }
    }

    /// <summary>The host loop: runs every task of a step concurrently, reports each completion as it finishes, forwards progress, cancels.</summary>
    internal static class Driver
    {
        internal static async Task<JsonObject> RunAsync(IMachine machine, HostIO io, Action<JsonObject> onProgress,
            Func<JsonObject, Exception, StoreSubmitException> makeError, CancellationToken ct)
        {
            var running = new List<Task<HostIO.Done>>();
            var step = machine.Step(Kind("start"), null);
            while (true)
            {
                var progress = step.GetArray("progress");
                if (progress != null && onProgress != null) foreach (var p in progress) onProgress((JsonObject)p);
                var kind = step.GetString("kind");
                if (kind == "done")
                {
                    var error = step.GetObject("error");
                    if (error != null) throw makeError(error, null);
                    return step;
                }
                if (kind == "run")
                    foreach (var t in (JsonArray)step["tasks"])
                        running.Add(io.RunAsync((JsonObject)t, machine, ct));
                if (running.Count == 0)
                    throw new InvalidOperationException("the core is waiting for a completion but no task is running (a bug)");
                HostIO.Done done;
                try
                {
                    // a host task that never waits (a stat, a read) does not see the token: look between steps
                    ct.ThrowIfCancellationRequested();
                    var finished = await Task.WhenAny(running).ConfigureAwait(false);
                    running.Remove(finished);
                    done = await finished.ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (ct.IsCancellationRequested)
                {
                    foreach (var r in running) Observe(r);
                    var last = machine.Step(Kind("cancel"), null);
                    var error = last.GetObject("error");
                    throw makeError(error ?? CancelledJson(), e);
                }
                step = machine.Step(done.Event, done.Data);
            }
        }

        private static JsonObject CancelledJson()
        {
            var o = new JsonObject();
            o["code"] = CancelledException.ErrorCode;
            o["number"] = (long)CancelledException.ErrorNumber;
            o["message"] = "the operation was cancelled";
            return o;
        }

        private static void Observe(Task t)
        {
            t.ContinueWith(x => { var _ = x.Exception; }, TaskContinuationOptions.OnlyOnFaulted);
        }

        private static JsonObject Kind(string kind)
        {
            var o = new JsonObject();
            o["kind"] = kind;
            return o;
        }
    }
}
