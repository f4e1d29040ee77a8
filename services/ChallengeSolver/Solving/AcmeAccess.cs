using System.Security.Cryptography;
using System.Text;
using CertMesh.Acme;
using CertMesh.ChallengeSolver.Challenges;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.Domain.Resources;
using CertMesh.Acme.Hosting;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.ChallengeSolver.Solving;

/// <summary>
/// The ACME client for a challenge's account: the key is read from its Secret (never from a message) and the
/// client shared through <see cref="AcmeClients"/>, with the issuer's caBundle trusted when it has one.
/// </summary>
internal sealed class AcmeAccess(CertMeshDatabase database, AcmeClients clients)
{
    public async Task<AcmeClient> ClientForAsync(ChallengeAccount account, Challenge challenge, CancellationToken cancellationToken)
    {
        string keyPem;
        string? caBundle;
        await using (var unit = await database.BeginAsync(cancellationToken))
        {
            var secret = await unit.Secrets.GetAsync(account.KeySecretNamespace, account.KeySecretName, cancellationToken);
            if (secret is null || !secret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var keyBytes) || keyBytes.Length == 0)
            {
                throw new ChallengeFailure(ChallengeOutcome.Errored(
                    $"the ACME account key Secret \"{account.KeySecretNamespace}/{account.KeySecretName}\" does not exist or has no {SecretKeys.TlsKey}"));
            }
            keyPem = Encoding.UTF8.GetString(keyBytes);
            caBundle = IssuerCaBundle.Of(await unit.Resources.FindAsync(challenge.Metadata.Namespace, challenge.Spec.IssuerRef, cancellationToken));
        }
        try
        {
            var accountUrl = string.IsNullOrEmpty(account.AccountUrl) ? null : new Uri(account.AccountUrl);
            return clients.Get(new Uri(account.AcmeServer), keyPem, accountUrl, caBundle);
        }
        catch (Exception exception) when (exception is InvalidOperationException or CryptographicException or ArgumentException or FormatException)
        {
            // A key that does not parse or a caBundle that is not PEM: no retry makes it better.
            throw new ChallengeFailure(ChallengeOutcome.Errored($"cannot use the ACME account: {exception.Message}"));
        }
    }
}
