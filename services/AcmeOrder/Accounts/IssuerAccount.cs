using CertMesh.Acme;
using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>A registered account: the shared client signing as it, its URL, and where its key Secret is.</summary>
internal sealed record IssuerAccount(Issuer Issuer, AcmeIssuerConfig Config, AcmeClient Client, Uri AccountUrl, string KeySecretNamespace)
{
    public string KeySecretName => Config.PrivateKeySecretName;
}

/// <summary>The account, or why there is none: <c>Message</c> is what the issuer's Ready condition says.</summary>
internal sealed record AccountOutcome(IssuerAccount? Account, string Message, bool Transient, TimeSpan? RetryAfter)
{
    public static AccountOutcome Registered(IssuerAccount account) => new(account, "", false, null);

    public static AccountOutcome Failed(string message, bool transient = false, TimeSpan? retryAfter = null) =>
        new(null, message, transient, retryAfter);
}
