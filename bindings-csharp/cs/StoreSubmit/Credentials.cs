using System;
using System.Threading;
using System.Threading.Tasks;

namespace StoreSubmit
{
    /// <summary>An access token and when it expires (the Azure.Core <c>AccessToken</c> shape). <see cref="ToString"/> never shows the token.</summary>
    public struct AccessToken
    {
        /// <summary>A token and its expiry.</summary>
        public AccessToken(string token, DateTimeOffset expiresOn)
        {
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("the token is empty", "token");
            Token = token;
            ExpiresOn = expiresOn;
        }

        /// <summary>The bearer token.</summary>
        public string Token { get; private set; }

        /// <summary>When the token stops being valid.</summary>
        public DateTimeOffset ExpiresOn { get; private set; }

        /// <summary><c>AccessToken(expires …)</c>, without the token.</summary>
        public override string ToString() { return "AccessToken(<redacted>, expires " + ExpiresOn.ToString("u") + ")"; }
    }

    /// <summary>
    /// Where the client's tokens come from: a <see cref="ClientSecretCredential"/> (the workflows request
    /// tokens themselves), or a <see cref="TokenCredential"/> around any source (Azure.Identity, a managed
    /// identity, a pipeline's federated token), asked once per scope and cached until it expires.
    /// </summary>
    public abstract class StoreCredential
    {
        internal StoreCredential() { }

        /// <summary>A <see cref="TokenCredential"/> over a function of the scopes (the Azure.Core <c>TokenCredential.GetTokenAsync</c> shape).</summary>
        public static StoreCredential FromFunc(Func<string[], CancellationToken, Task<AccessToken>> getToken)
        {
            return new TokenCredential(getToken);
        }
    }

    /// <summary>
    /// An Azure AD application's client secret: the workflows send the token requests (<c>client_credentials</c>)
    /// themselves and refresh tokens when they expire or a service answers 401. <see cref="ToString"/> shows
    /// the tenant and client ids, never the secret.
    /// </summary>
    public sealed class ClientSecretCredential : StoreCredential
    {
        /// <summary>A client secret credential; <paramref name="authorityHost"/> is the token service root (default Azure AD; the emulator's for tests).</summary>
        public ClientSecretCredential(string tenantId, string clientId, string clientSecret, string authorityHost = null)
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

        /// <summary><c>ClientSecretCredential(tenant, client, secret=&lt;redacted&gt;)</c>.</summary>
        public override string ToString()
        {
            return "ClientSecretCredential(tenantId=" + TenantId + ", clientId=" + ClientId + ", clientSecret=<redacted>)";
        }
    }

    /// <summary>Tokens from a function of the requested scopes (any source); see <see cref="StoreCredential.FromFunc"/>.</summary>
    public sealed class TokenCredential : StoreCredential
    {
        private readonly Func<string[], CancellationToken, Task<AccessToken>> _getToken;

        /// <summary>A credential asking <paramref name="getToken"/> for each scope's token.</summary>
        public TokenCredential(Func<string[], CancellationToken, Task<AccessToken>> getToken)
        {
            if (getToken == null) throw new ArgumentNullException("getToken");
            _getToken = getToken;
        }

        internal Task<AccessToken> GetTokenAsync(string[] scopes, CancellationToken cancellationToken)
        {
            return _getToken(scopes, cancellationToken);
        }

        /// <summary><c>TokenCredential(…)</c>.</summary>
        public override string ToString() { return "TokenCredential(<function>)"; }
    }
}
