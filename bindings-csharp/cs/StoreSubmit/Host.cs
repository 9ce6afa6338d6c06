using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StoreSubmit.Interop;

namespace StoreSubmit
{
    /// <summary>
    /// The host loop of one run: it waits on the session (natively, on the thread pool), forwards progress,
    /// performs the tasks .NET keeps — sends with <see cref="HttpClient"/>, tokens from the caller's credential,
    /// writes to the caller's stream — and turns the caller's <see cref="CancellationToken"/> into the session's
    /// cancel. Every decision (retries, token refresh, paging, upload blocks, polling, pre-flight) is the core's.
    /// </summary>
    internal sealed class Host
    {
        internal HttpClient Http;
        internal StoreTokenCredential Credential;
        internal Stream Output;
        internal IEnumerable<IProgress<ProgressEvent>> Progress;
        private long _written;
        private volatile bool _ended;
        private Exception _bug;

        /// <summary>Runs the session to its end: the outcome JSON, or the typed exception of its error.</summary>
        internal async Task<JsonObject> RunAsync(NativeSession session, CancellationToken ct)
        {
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
            using (ct.Register(session.Cancel))
            {
                try
                {
                    while (true)
                    {
                        var m = await Task.Run(() => session.Next(1000)).ConfigureAwait(false);
                        foreach (JsonObject p in m.GetArray("progress"))
                            foreach (var r in Progress) r.Report(new ProgressEvent(p));
                        foreach (JsonObject t in m.GetArray("tasks"))
                        {
                            var running = PerformAsync(session, t, stop.Token);
                            if (t.GetString("kind") == "write") await running.ConfigureAwait(false); // in order
                        }
                        var done = m.GetObject("done");
                        if (done == null) continue;
                        if (_bug != null) throw new InvalidOperationException("the host failed to answer a task (a bug)", _bug);
                        var error = done.GetObject("error");
                        if (error != null) throw StoreSubmitException.FromJson(error, ct);
                        return done.GetObject("outcome");
                    }
                }
                finally
                {
                    _ended = true;
                    stop.Cancel(); // requests still in flight are not waited for
                }
            }
        }

        private async Task PerformAsync(NativeSession session, JsonObject task, CancellationToken ct)
        {
            var id = Convert.ToUInt64(task["id"], CultureInfo.InvariantCulture);
            var c = new JsonObject { { "id", (long)id } };
            byte[] data = null;
            try
            {
                switch (task.GetString("kind"))
                {
                    case "send":
                        data = await SendAsync(task, session.TakeBody(id), c, ct).ConfigureAwait(false);
                        break;
                    case "token":
                        await TokenAsync(task.GetString("scope"), c, ct).ConfigureAwait(false);
                        break;
                    case "write":
                        await WriteAsync(Convert.ToInt64(task["offset"], CultureInfo.InvariantCulture), session.TakeBody(id), ct).ConfigureAwait(false);
                        c["kind"] = "written";
                        break;
                    default:
                        throw new HostFailure("unsupported", "this host does not perform '" + task.GetString("kind") + "' tasks");
                }
            }
            catch (HostFailure f) { Fail(c, f.Code, f.Message); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { Fail(c, "cancelled", "the run was cancelled"); }
            catch (IOException e) { Fail(c, "io", e.GetType().Name + ": " + e.Message); }
            catch (NotSupportedException e) { Fail(c, "io", e.GetType().Name + ": " + e.Message); }
            try
            {
                session.Complete(c, c.GetString("kind") == "failed" ? null : data);
            }
            catch (Exception e) when (!_ended)
            {
                _bug = e;
                session.Cancel();
            }
            catch (Exception)
            {
                // the run has ended: nothing waits for this answer any more
            }
        }

        private static void Fail(JsonObject c, string code, string message)
        {
            c["kind"] = "failed";
            c["error"] = new JsonObject { { "code", code }, { "message", message } };
        }

        private sealed class HostFailure : Exception
        {
            public readonly string Code;

            public HostFailure(string code, string message) : base(message) { Code = code; }
        }

        private async Task<byte[]> SendAsync(JsonObject task, byte[] body, JsonObject c, CancellationToken ct)
        {
            var request = new HttpRequestMessage(new HttpMethod(task.GetString("method")), task.GetString("url"));
            var content = new List<JsonArray>();
            foreach (JsonArray h in task.GetArray("headers"))
                if (!request.Headers.TryAddWithoutValidation((string)h[0], (string)h[1])) content.Add(h);
            if (body.Length > 0 || content.Count > 0)
            {
                request.Content = new ByteArrayContent(body);
                foreach (var h in content)
                {
                    request.Content.Headers.Remove((string)h[0]);
                    request.Content.Headers.TryAddWithoutValidation((string)h[0], (string)h[1]);
                }
            }
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                if (Json.IsNumber(task["timeout"]))
                    timeout.CancelAfter(TimeSpan.FromSeconds(Convert.ToDouble(task["timeout"], CultureInfo.InvariantCulture)));
                try
                {
                    using (request)
                    using (var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                    {
                        var bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var all = response.Content == null ? response.Headers : response.Headers.Concat(response.Content.Headers);
                        c["kind"] = "response";
                        c["status"] = (long)(int)response.StatusCode;
                        c["headers"] = new JsonArray(all.SelectMany(h => h.Value.Select(v => (object)new JsonArray { h.Key, v })));
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

        private async Task WriteAsync(long offset, byte[] bytes, CancellationToken ct)
        {
            if (Output == null) throw new HostFailure("invalid_argument", "this job writes output: pass an output stream");
            if (Output.CanSeek) Output.Seek(offset, SeekOrigin.Begin);
            else if (offset != _written) throw new HostFailure("io", "the output stream cannot seek to offset " + offset);
            await Output.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
            _written = offset + bytes.Length;
        }

        private async Task TokenAsync(string scope, JsonObject c, CancellationToken ct)
        {
            if (Credential == null) throw new HostFailure("auth", "no credential answers token requests");
            StoreAccessToken token;
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
            c["kind"] = "token";
            c["token"] = token.Token;
            c["expiresOn"] = token.ExpiresOn.ToUnixTimeSeconds();
            c["obtainedAt"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }
    }
}
