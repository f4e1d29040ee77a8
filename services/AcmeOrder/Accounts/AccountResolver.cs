using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Acme.Hosting;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>
/// The account an order runs under. Every order after an issuer's first finds the registration on the issuer and
/// only reads, in the order's own unit of work. Otherwise the registrar runs in a unit of its own, committed at
/// once: the issuer-wide lock is then held for the registration only, not for every order's exchange with the CA,
/// and the issuer shows the outcome even when the order fails.
/// </summary>
internal sealed class AccountResolver(CertMeshDatabase database, AccountRegistrar registrar, AcmeClients clients, AcmeOrderOptions options)
{
    public async Task<AccountOutcome> ResolveAsync(UnitOfWork unit, ResourceKey issuerKey, Issuer issuer, CancellationToken cancellationToken)
    {
        if (await RegisteredAsync(unit, issuer, cancellationToken) is { } account)
            return AccountOutcome.Registered(account);
        return await database.RunAsync(registration => registrar.EnsureAsync(registration, issuerKey, cancellationToken), cancellationToken);
    }

    /// <summary>Drops a registration the CA no longer knows, in a unit of its own so it sticks even if the order fails.</summary>
    public Task ForgetAsync(ResourceKey issuerKey, Uri staleAccount, string detail, CancellationToken cancellationToken) =>
        database.RunAsync(async unit =>
        {
            await registrar.ForgetAsync(unit, issuerKey, staleAccount, detail, cancellationToken);
            return true;
        }, cancellationToken);

    async Task<IssuerAccount?> RegisteredAsync(UnitOfWork unit, Issuer issuer, CancellationToken cancellationToken)
    {
        if (issuer.Spec.Acme is not { } acme
            || !AcmeIssuerConfig.TryParse(acme, out var config, out _)
            || !Conditions.IsTrue(issuer.Status.Conditions, AccountConditions.Ready)
            || !Uri.TryCreate(issuer.Status.Acme?.Uri, UriKind.Absolute, out var accountUrl))
            return null;
        var keyNamespace = AccountKeySecret.NamespaceOf(issuer, options);
        try
        {
            var pem = await AccountKeySecret.ReadAsync(unit, keyNamespace, config.PrivateKeySecretName, cancellationToken);
            if (pem is null)
                return null;
            var client = clients.Get(config.Server, pem, accountUrl, config.CaBundlePem);
            return AccountConditions.RegistrationIsCurrent(issuer, config, client.AccountKey.Thumbprint)
                ? new IssuerAccount(issuer, config, client, accountUrl, keyNamespace)
                : null;
        }
        catch (Exception exception) when (exception is AccountSetupException or ArgumentException or InvalidOperationException)
        {
            return null; // the registrar finds the same problem and reports it on the issuer
        }
    }
}
