using CertMesh.Acme.Orders;

namespace CertMesh.Acme;

/// <summary>
/// Waiting for the CA: authorizations and orders are polled with POST-as-GET, honouring Retry-After (clamped to
/// [MinPollInterval, MaxRetryAfter]) and otherwise backing off exponentially from MinPollInterval to MaxPollInterval.
/// </summary>
public sealed partial class AcmeClient
{
    /// <summary>Polls until the authorization leaves <c>pending</c>; returns it when <c>valid</c>, otherwise throws
    /// <see cref="Problems.AcmeProblemException"/> with the failed challenge's error (the CA's detail).</summary>
    public async Task<AcmeAuthorization> WaitForAuthorizationAsync(Uri authorizationUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        AcmeAuthorization authorization = await PollAsync(
            ct => GetAuthorizationAsync(authorizationUrl, ct),
            a => a.Status == AcmeStatus.Pending,
            a => a.RetryAfter,
            cancellationToken).ConfigureAwait(false);
        if (authorization.Status == AcmeStatus.Valid)
        {
            return authorization;
        }

        var failed = authorization.Challenges.FirstOrDefault(c => c.Error is not null);
        throw InvalidObject($"authorization for {authorization.Identifier?.Value} ({authorization.Status})", authorizationUrl, failed?.Error);
    }

    /// <summary>Polls until the order is neither <c>pending</c> nor <c>processing</c>; returns it when <c>ready</c> or
    /// <c>valid</c>, throws with the order's error when it became invalid.</summary>
    public async Task<AcmeOrder> WaitForOrderAsync(Uri orderUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderUrl);
        AcmeOrder order = await PollAsync(
            ct => GetOrderAsync(orderUrl, ct),
            o => o.Status is AcmeStatus.Pending or AcmeStatus.Processing,
            o => o.RetryAfter,
            cancellationToken).ConfigureAwait(false);
        return order.Status is AcmeStatus.Ready or AcmeStatus.Valid ? order : throw InvalidObject($"order ({order.Status})", orderUrl, order.Error);
    }

    private async Task<T> PollAsync<T>(
        Func<CancellationToken, Task<T>> fetch,
        Func<T, bool> stillWaiting,
        Func<T, TimeSpan?> retryAfter,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.PollTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        TimeSpan backoff = _options.MinPollInterval;
        try
        {
            while (true)
            {
                T current = await fetch(linked.Token).ConfigureAwait(false);
                if (!stillWaiting(current))
                {
                    return current;
                }

                TimeSpan wait = retryAfter(current) is { } asked
                    ? Clamp(asked, _options.MinPollInterval, _options.MaxRetryAfter)
                    : backoff;
                backoff = Clamp(backoff * 2, _options.MinPollInterval, _options.MaxPollInterval);
                await Task.Delay(wait, _options.TimeProvider, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The CA did not finish within {_options.PollTimeout}.", ex);
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;
}
