using System.Text.Json;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Directory;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Acme.Problems;

namespace CertMesh.Acme;

/// <summary>Order, authorization and challenge operations (RFC 8555 sections 7.4, 7.5).</summary>
public sealed partial class AcmeClient
{
    public async Task<AcmeOrder> NewOrderAsync(NewOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Identifiers.Count == 0)
        {
            throw new ArgumentException("An order needs at least one identifier.", nameof(request));
        }

        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        // NewOrderRequest's optional members are null when unset and AcmeJson omits nulls, so they are only sent when set.
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(request, AcmeJson.Options);
        AcmeResponse response = await PostAsync(directory.NewOrder, AcmeActions.NewOrder, payload, cancellationToken).ConfigureAwait(false);
        Uri location = response.Location ?? throw MissingLocation(directory.NewOrder);
        return AcmeTransport.Deserialize<AcmeOrder>(response, directory.NewOrder) with { Location = location, RetryAfter = response.RetryAfter };
    }

    public async Task<AcmeOrder> GetOrderAsync(Uri orderUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderUrl);
        AcmeResponse response = await PostAsync(orderUrl, AcmeActions.GetOrder, null, cancellationToken).ConfigureAwait(false);
        return AcmeTransport.Deserialize<AcmeOrder>(response, orderUrl) with { Location = orderUrl, RetryAfter = response.RetryAfter };
    }

    public async Task<AcmeAuthorization> GetAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        AcmeResponse response = await PostAsync(authorizationUrl, AcmeActions.GetAuthorization, null, cancellationToken).ConfigureAwait(false);
        return AcmeTransport.Deserialize<AcmeAuthorization>(response, authorizationUrl) with
        {
            Location = authorizationUrl,
            RetryAfter = response.RetryAfter,
        };
    }

    /// <summary>Every authorization of <paramref name="order"/>, fetched concurrently, in the order's order.</summary>
    public async Task<IReadOnlyList<AcmeAuthorization>> GetAuthorizationsAsync(AcmeOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return await Task.WhenAll(order.Authorizations.Select(url => GetAuthorizationAsync(url, cancellationToken))).ConfigureAwait(false);
    }

    public Task<AcmeChallenge> GetChallengeAsync(Uri challengeUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeUrl);
        return PostForAsync<AcmeChallenge>(challengeUrl, AcmeActions.GetChallenge, null, cancellationToken);
    }

    /// <summary>Tells the CA the challenge is ready to validate (POST <c>{}</c>, section 7.5.1).</summary>
    public Task<AcmeChallenge> RespondToChallengeAsync(AcmeChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return PostForAsync<AcmeChallenge>(challenge.Url, AcmeActions.AcceptChallenge, "{}"u8.ToArray(), cancellationToken);
    }

    /// <summary>Gives up an authorization (section 7.5.2), e.g. when an order is abandoned.</summary>
    public async Task<AcmeAuthorization> DeactivateAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        AcmeAuthorization authorization = await PostForAsync<AcmeAuthorization>(authorizationUrl, AcmeActions.DeactivateAuthorization, """{"status":"deactivated"}"""u8.ToArray(), cancellationToken)
            .ConfigureAwait(false);
        return authorization with { Location = authorizationUrl };
    }

    /// <summary>Sends the CSR (DER) to the order's finalize URL; the returned order is usually <c>processing</c> or <c>valid</c>.</summary>
    public async Task<AcmeOrder> FinalizeOrderAsync(AcmeOrder order, ReadOnlyMemory<byte> csrDer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (csrDer.IsEmpty)
        {
            throw new ArgumentException("The CSR is empty.", nameof(csrDer));
        }

        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(new { csr = Base64Url.Encode(csrDer.Span) }, AcmeJson.Options);
        AcmeResponse response = await PostAsync(order.Finalize, AcmeActions.FinalizeOrder, payload, cancellationToken).ConfigureAwait(false);
        return AcmeTransport.Deserialize<AcmeOrder>(response, order.Finalize) with
        {
            Location = response.Location ?? order.Location,
            RetryAfter = response.RetryAfter,
        };
    }

    /// <summary>A key authorization for <paramref name="challenge"/> with the current account key.</summary>
    public string KeyAuthorizationFor(AcmeChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return KeyAuthorization.For(challenge.Token, _session.Key);
    }

    /// <summary>The dns-01 TXT value for <paramref name="challenge"/> with the current account key.</summary>
    public string Dns01TxtValueFor(AcmeChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return KeyAuthorization.Dns01TxtValue(challenge.Token, _session.Key);
    }

    private static AcmeProblemException InvalidObject(string what, Uri url, AcmeProblem? problem) =>
        new(problem ?? new AcmeProblem { Type = "about:blank", Detail = $"The {what} at {url} became invalid without an error." }, requestUri: url);
}
