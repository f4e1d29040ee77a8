using System.Security.Cryptography;
using CertMesh.Acme.Certificates;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Orders;
using CertMesh.Pki;

namespace CertMesh.Acme.Tests.Support;

/// <summary>The whole order flow the integration tests repeat: order, solve, finalize, download.</summary>
internal static class Issuance
{
    /// <summary>Solves every authorization with dns-01 through pebble-challtestsrv.</summary>
    public static async Task<(AcmeOrder Order, AcmeCertificateChain Chain)> IssueWithDns01Async(
        PebbleFixture pebble,
        AcmeClient client,
        IReadOnlyList<string> names,
        CancellationToken cancellationToken = default,
        AsymmetricAlgorithm? certificateKey = null,
        NewOrderRequest? request = null)
    {
        AcmeOrder order = await client.NewOrderAsync(
            request ?? new NewOrderRequest { Identifiers = names.Select(AcmeIdentifier.Dns).ToArray() },
            cancellationToken);
        IReadOnlyList<AcmeAuthorization> authorizations = await client.GetAuthorizationsAsync(order, cancellationToken);
        var records = new List<string>();
        try
        {
            foreach (AcmeAuthorization authorization in authorizations)
            {
                AcmeChallenge challenge = authorization.Challenge(ChallengeTypes.Dns01) ?? throw new InvalidOperationException("no dns-01 offered");
                string record = KeyAuthorization.Dns01RecordName(authorization.Identifier.Value);
                await pebble.SetTxtAsync(record, client.Dns01TxtValueFor(challenge));
                records.Add(record);
                await client.RespondToChallengeAsync(challenge, cancellationToken);
            }

            await Task.WhenAll(authorizations.Select(a => client.WaitForAuthorizationAsync(a.Location, cancellationToken)));
        }
        finally
        {
            foreach (string record in records)
            {
                await pebble.ClearTxtAsync(record);
            }
        }

        return await FinalizeAsync(client, order, new CertificateTemplate { DnsNames = names }, cancellationToken, certificateKey);
    }

    public static async Task<(AcmeOrder Order, AcmeCertificateChain Chain)> FinalizeAsync(
        AcmeClient client,
        AcmeOrder order,
        CertificateTemplate template,
        CancellationToken cancellationToken = default,
        AsymmetricAlgorithm? certificateKey = null)
    {
        order = await client.WaitForOrderAsync(order.Location, cancellationToken);
        Assert.Equal(AcmeStatus.Ready, order.Status);
        using AsymmetricAlgorithm generated = PrivateKeys.Generate(KeySpec.Default);
        byte[] csr = Pem.DecodeCsr(CsrBuilder.CreatePem(certificateKey ?? generated, template));
        order = await client.FinalizeOrderAsync(order, csr, cancellationToken);
        order = await client.WaitForOrderAsync(order.Location, cancellationToken);
        Assert.Equal(AcmeStatus.Valid, order.Status);
        (AcmeCertificateChain chain, _) = await client.DownloadCertificateAsync(order.Certificate!, cancellationToken);
        return (order, chain);
    }
}
