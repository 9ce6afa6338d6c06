using System;
using System.Text;
using StoreSubmit.Interop;

namespace StoreSubmit
{
    /// <summary>A core state machine the host drives: events in, steps out (<c>storesubmit::wire</c>).</summary>
    internal interface IMachine : IDisposable
    {
        /// <summary>The next step after an event and its bytes.</summary>
        JsonObject Step(JsonObject evt, byte[] data);

        /// <summary>The bytes of a task (a request body, a chunk to write), taken once.</summary>
        byte[] TakeBody(ulong id);
    }

    /// <summary>A workflow run (<c>WireFlow</c>) behind a native handle; the host's clock and jitter are filled in here.</summary>
    internal sealed class NativeFlow : IMachine
    {
        private static readonly Random Rng = new Random();
        private readonly NativeHandle _h;

        private NativeFlow(NativeHandle h) { _h = h; }

        internal static NativeFlow Start(JsonObject options, string secret, JsonObject request, NativeHandle tokens)
        {
            Native.EnsureLoaded();
            byte[] s = secret == null ? null : Encoding.UTF8.GetBytes(secret);
            ulong h;
            SsBuf err;
            uint rc;
            try
            {
                rc = NativeMethods.storesubmit_flow_start(Native.ZJson(options), s, new UIntPtr(s == null ? 0u : (uint)s.Length),
                    Native.ZJson(request), tokens == null ? 0 : tokens.Id, out h, out err);
            }
            finally
            {
                if (s != null) Array.Clear(s, 0, s.Length);
            }
            Native.Check(rc, err);
            return new NativeFlow(new NativeHandle(h));
        }

        /// <summary>The host's clock (unix seconds); a test replaying a transcript sets its own.</summary>
        internal Func<ulong> Clock = () => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        /// <summary>The retry jitter in [0, 1) (the core has no randomness of its own).</summary>
        internal Func<double> Jitter = () => { lock (Rng) return Rng.NextDouble(); };

        public JsonObject Step(JsonObject evt, byte[] data)
        {
            var jitter = Jitter();
            var now = Clock();
            SsBuf output, err;
            var len = new UIntPtr(data == null ? 0u : (uint)data.Length);
            var rc = NativeMethods.storesubmit_flow_step(_h.Id, Native.ZJson(evt), data, len, now, jitter, out output, out err);
            Native.Check(rc, err);
            return (JsonObject)Native.TakeJson(output);
        }

        public byte[] TakeBody(ulong id)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_flow_take_body(_h.Id, id, out output, out err), err);
            return Native.Take(output);
        }

        internal string ResumeToken()
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_flow_resume_token(_h.Id, out output, out err), err);
            return Native.TakeJson(output) as string;
        }

        internal void SaveTokens(NativeHandle tokens)
        {
            SsBuf err;
            Native.Check(NativeMethods.storesubmit_flow_save_tokens(_h.Id, tokens.Id, out err), err);
        }

        public void Dispose() { _h.Dispose(); }
    }

    /// <summary>A packaging job (<c>PackJob</c>) behind a native handle.</summary>
    internal sealed class NativePack : IMachine
    {
        private readonly NativeHandle _h;

        private NativePack(NativeHandle h) { _h = h; }

        internal static NativePack Start(JsonObject request)
        {
            Native.EnsureLoaded();
            ulong h;
            SsBuf err;
            Native.Check(NativeMethods.storesubmit_pack_start(Native.ZJson(request), out h, out err), err);
            return new NativePack(new NativeHandle(h));
        }

        public JsonObject Step(JsonObject evt, byte[] data)
        {
            SsBuf output, err;
            var len = new UIntPtr(data == null ? 0u : (uint)data.Length);
            Native.Check(NativeMethods.storesubmit_pack_step(_h.Id, Native.ZJson(evt), data, len, out output, out err), err);
            return (JsonObject)Native.TakeJson(output);
        }

        public byte[] TakeBody(ulong id)
        {
            SsBuf output, err;
            Native.Check(NativeMethods.storesubmit_pack_take_body(_h.Id, id, out output, out err), err);
            return Native.Take(output);
        }

        public void Dispose() { _h.Dispose(); }
    }
}
