using System;
using System.Threading;
using System.Threading.Tasks;

namespace StoreSubmit
{
    /// <summary>
    /// An access token and when it expires (the shape of Azure.Core's <c>AccessToken</c>, under a name that does
    /// not collide with it). <see cref="ToString"/> never shows the token.
    /// </summary>
    public struct StoreAccessToken
    {
        /// <summary>A token and its expiry.</summary>
        public StoreAccessToken(string token, DateTimeOffset expiresOn)
        {
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("the token is empty", "token");
            Token = token;
            ExpiresOn = expiresOn;
        }

        /// <summary>The bearer token.</summary>
        public string Token { get; private set; }

        /// <summary>When the token stops being valid.</summary>
        public DateTimeOffset ExpiresOn { get; private set; }

        /// <summary><c>StoreAccessToken(expires …)</c>, without the token.</summary>
        public override string ToString() { return "StoreAccessToken(<redacted>, expires " + ExpiresOn.ToString("u") + ")"; }
    }

    /// <summary>
    /// Where the client's tokens come from: a <see cref="StoreClientSecretCredential"/> (the workflows request
    /// tokens themselves), or <see cref="FromFunc"/> around any source (an Azure.Identity
    /// credential, a managed identity, a pipeline's federated token), asked once per scope and cached until the
    /// token expires. The names differ from Azure.Core's and Azure.Identity's, so both namespaces can be used at once.
    /// </summary>
    public abstract class StoreCredential
    {
        internal StoreCredential() { }

        /// <summary>
        /// A credential asking <paramref name="getToken"/> for each scope's token (the shape of Azure.Core's
        /// <c>TokenCredential.GetTokenAsync</c>); tokens are cached until they expire.
        /// </summary>
        public static StoreCredential FromFunc(Func<string[], CancellationToken, Task<StoreAccessToken>> getToken)
        {
            if (getToken == null) throw new ArgumentNullException("getToken");
            return new StoreTokenCredential { GetTokenAsync = getToken };
        }
    }

    /// <summary>
    /// An Azure AD application's client secret: the workflows send the token requests (<c>client_credentials</c>)
    /// themselves and refresh tokens when they expire or a service answers 401. <see cref="ToString"/> shows
    /// the tenant and client ids, never the secret.
    /// </summary>
    public sealed class StoreClientSecretCredential : StoreCredential
    {
        /// <summary>A client secret credential; <paramref name="authorityHost"/> is the token service root (default Azure AD; the emulator's for tests).</summary>
        public StoreClientSecretCredential(string tenantId, string clientId, string clientSecret, string authorityHost = null)
        {
            if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("tenantId is required", "tenantId");
            if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("clientId is required", "clientId");
            if (string.IsNullOrEmpty(clientSecret)) throw new ArgumentException("clientSecret is required", "clientSecret");
            TenantId = tenantId;
            ClientId = clientId;
            Secret = clientSecret;
            AuthorityHost = authorityHost;
        }

        /// <summary>The directory (tenant) id.</summary>
        public string TenantId { get; private set; }

        /// <summary>The application (client) id.</summary>
        public string ClientId { get; private set; }

        /// <summary>The token service root, or null for Azure AD's.</summary>
        public string AuthorityHost { get; private set; }

        internal string Secret { get; private set; }

        /// <summary><c>StoreClientSecretCredential(tenant, client, secret=&lt;redacted&gt;)</c>.</summary>
        public override string ToString()
        {
            return "StoreClientSecretCredential(tenantId=" + TenantId + ", clientId=" + ClientId + ", clientSecret=<redacted>)";
        }
    }

    /// <summary>Tokens from a function of the requested scopes (<see cref="StoreCredential.FromFunc"/>).</summary>
    internal sealed class StoreTokenCredential : StoreCredential
    {
        internal Func<string[], CancellationToken, Task<StoreAccessToken>> GetTokenAsync;

        public override string ToString() { return "StoreTokenCredential(<function>)"; }
    }
}
