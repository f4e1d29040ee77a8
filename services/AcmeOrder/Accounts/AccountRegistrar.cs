using CertMesh.Acme;
using CertMesh.Acme.Accounts;
using CertMesh.AcmeOrder.Database;
using CertMesh.AcmeOrder.Retries;
using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Acme.Hosting;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>
/// Registers an issuer's ACME account and records the outcome on the issuer (Ready, <c>status.acme</c>), inside the
/// caller's unit of work. Registrations of one issuer are serialised by an advisory lock, so concurrent callers
/// find the key Secret and the account the first one made instead of making their own. Nothing is sent to the CA
/// when the stored registration already matches the key, email and server.
/// </summary>
internal sealed partial class AccountRegistrar(AcmeClients clients, AcmeOrderOptions options, ILogger<AccountRegistrar> logger)
{
    public async Task<AccountOutcome> EnsureAsync(UnitOfWork unit, ResourceKey issuerKey, CancellationToken cancellationToken)
    {
        await AdvisoryLock.AcquireAsync(unit, $"acmeorder:account:{issuerKey.Kind}/{issuerKey.Namespace}/{issuerKey.Name}", cancellationToken);
        var stored = await unit.Resources.GetAsync<Issuer>(issuerKey, cancellationToken);
        if (stored is null)
            return AccountOutcome.Failed($"{issuerKey} not found");
        var issuer = stored.Document;
        if (issuer.Spec.Acme is not { } acme)
            return AccountOutcome.Failed($"{issuerKey} is not an ACME issuer");
        if (!AcmeIssuerConfig.TryParse(acme, out var config, out var invalid))
            return await RecordFailureAsync(unit, issuerKey, stored, AccountConditions.FailedPrefix + invalid, null, cancellationToken);

        var keyNamespace = AccountKeySecret.NamespaceOf(issuer, options);
        try
        {
            var pem = await AccountKeySecret.ReadAsync(unit, keyNamespace, config.PrivateKeySecretName, cancellationToken)
                ?? await AccountKeySecret.CreateAsync(unit, keyNamespace, config.PrivateKeySecretName, cancellationToken);
            var keyHash = ClientFor(config, pem, null, keyNamespace).AccountKey.Thumbprint;
            var generation = issuer.Metadata.Generation;
            if (AccountConditions.RegistrationIsCurrent(issuer, config, keyHash))
            {
                var known = new Uri(issuer.Status.Acme!.Uri!);
                if (!AccountConditions.ReadyIsCurrent(issuer))
                    issuer = await IssuerStatusWriter.WriteAsync(unit, issuerKey, stored, s => AccountConditions.Registered(s, generation, unit.Time.GetUtcNow(), known, config.Email, keyHash), cancellationToken) ?? issuer;
                return AccountOutcome.Registered(new IssuerAccount(issuer, config, ClientFor(config, pem, known, keyNamespace), known, keyNamespace));
            }

            var accountUrl = await RegisterAsync(unit, config, pem, keyNamespace, cancellationToken);
            issuer = await IssuerStatusWriter.WriteAsync(unit, issuerKey, stored, s => AccountConditions.Registered(s, generation, unit.Time.GetUtcNow(), accountUrl, config.Email, keyHash), cancellationToken) ?? issuer;
            await unit.Events.NormalAsync(issuerKey, AccountConditions.RegisteredReason, AccountConditions.RegisteredMessage, cancellationToken);
            LogRegistered(issuerKey.ToString(), accountUrl.AbsoluteUri);
            return AccountOutcome.Registered(new IssuerAccount(issuer, config, ClientFor(config, pem, accountUrl, keyNamespace), accountUrl, keyNamespace));
        }
        catch (AccountSetupException setup)
        {
            return await RecordFailureAsync(unit, issuerKey, stored, AccountConditions.FailedPrefix + setup.Message, null, cancellationToken);
        }
        catch (Exception exception) when (CaFailure.From(exception) is { } failure)
        {
            // Validation of the CA's certificate stays on: say how to trust a private CA instead of failing silently.
            var hint = config.SkipTlsVerify && failure.Transient
                ? " (spec.acme.skipTLSVerify is not supported: trust the CA with spec.acme.caBundle or CERTMESH_ACME_CA_FILE)"
                : "";
            return await RecordFailureAsync(unit, issuerKey, stored, AccountConditions.FailedPrefix + failure.Detail + hint, failure, cancellationToken);
        }
    }

    /// <summary>
    /// The CA answered <c>accountDoesNotExist</c> for the stored account (a CA that was reset, as a restarted Pebble
    /// is, or an account removed at the CA): the registration is dropped so the next use registers the key again.
    /// Nothing changes when someone already replaced that registration.
    /// </summary>
    public async Task ForgetAsync(UnitOfWork unit, ResourceKey issuerKey, Uri staleAccount, string detail, CancellationToken cancellationToken)
    {
        await AdvisoryLock.AcquireAsync(unit, $"acmeorder:account:{issuerKey.Kind}/{issuerKey.Namespace}/{issuerKey.Name}", cancellationToken);
        var stored = await unit.Resources.GetAsync<Issuer>(issuerKey, cancellationToken);
        if (stored is null || stored.Document.Status.Acme?.Uri != staleAccount.AbsoluteUri)
            return;
        await IssuerStatusWriter.WriteAsync(unit, issuerKey, stored, status => status with { Acme = null }, cancellationToken);
        await unit.Events.WarningAsync(issuerKey, AccountNotFoundReason, $"The ACME server does not know account {staleAccount} any more ({detail}); registering the key again", cancellationToken);
        LogForgotten(issuerKey.ToString(), staleAccount.AbsoluteUri, detail);
    }

    public const string AccountNotFoundReason = "ErrAccountNotFound";

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACME account {Account} of {Issuer} is unknown to the CA ({Detail}); it will be registered again")]
    partial void LogForgotten(string issuer, string account, string detail);

    /// <summary>newAccount (the CA answers with the existing account when the key has one), then the contact if it
    /// differs: registering an existing key does not change its email, an update does.</summary>
    async Task<Uri> RegisterAsync(UnitOfWork unit, AcmeIssuerConfig config, string pem, string keyNamespace, CancellationToken cancellationToken)
    {
        var binding = config.ExternalAccountBinding is { } eab
            ? await ExternalAccountBindingReader.ReadAsync(unit, keyNamespace, eab, cancellationToken)
            : null;
        IReadOnlyList<string> contact = config.Email is null ? [] : ["mailto:" + config.Email];
        var client = ClientFor(config, pem, null, keyNamespace);
        var account = await client.CreateAccountAsync(new NewAccountRequest
        {
            TermsOfServiceAgreed = true,
            Contact = contact,
            ExternalAccountBinding = binding,
        }, cancellationToken);
        if (!account.Contact.SequenceEqual(contact, StringComparer.OrdinalIgnoreCase))
            await client.UpdateContactAsync(contact, cancellationToken);
        return account.Location;
    }

    AcmeClient ClientFor(AcmeIssuerConfig config, string pem, Uri? accountUrl, string keyNamespace)
    {
        try
        {
            return clients.Get(config.Server, pem, accountUrl, config.CaBundlePem);
        }
        catch (ArgumentException)
        {
            throw new AccountSetupException($"the account key Secret \"{keyNamespace}/{config.PrivateKeySecretName}\" does not hold an ECDSA P-256/P-384 or RSA private key");
        }
        catch (InvalidOperationException bundle)
        {
            throw new AccountSetupException(bundle.Message);
        }
    }

    async Task<AccountOutcome> RecordFailureAsync(UnitOfWork unit, ResourceKey issuerKey, Stored<Issuer> stored, string message, CaFailure? failure, CancellationToken cancellationToken)
    {
        var issuer = stored.Document;
        var current = Conditions.Find(issuer.Status.Conditions, AccountConditions.Ready);
        // A repeated failure with the same words changes nothing a user would see: no write, no second event.
        var generation = issuer.Metadata.Generation;
        if (current is not { Status: ConditionStatus.False, Reason: AccountConditions.FailedReason } || current.Message != message || current.ObservedGeneration != generation)
        {
            await IssuerStatusWriter.WriteAsync(unit, issuerKey, stored, s => AccountConditions.Failed(s, generation, unit.Time.GetUtcNow(), message), cancellationToken);
            await unit.Events.WarningAsync(issuerKey, AccountConditions.FailedReason, message, cancellationToken);
        }
        LogRegistrationFailed(issuerKey.ToString(), message);
        return AccountOutcome.Failed(message, failure?.Transient ?? false, failure?.RetryAfter);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ACME account of {Issuer} registered: {AccountUrl}")]
    partial void LogRegistered(string issuer, string accountUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACME account of {Issuer} not registered: {Message}")]
    partial void LogRegistrationFailed(string issuer, string message);
}
