using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.Api.Bus;

/// <summary>
/// Commands to Trigger as request/response calls with a hard bound. The request client's own timeout (30 s) does not
/// cover a publish that hangs when the broker dies under it (RabbitMQ.Client keeps waiting for a confirm that never
/// comes, rabbitmq-dotnet-client#1930): without this bound an Api call could hang for good.
/// </summary>
internal static class BusRequests
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(35);

    /// <param name="requestedBy">the Api principal the command is for, carried in <see cref="RequestedBy.Header"/> for the receiver's events and audit.</param>
    public static async Task<Response<T1, T2>> AskAsync<TRequest, T1, T2>(this IRequestClient<TRequest> client, TRequest request, string requestedBy, CancellationToken cancellationToken)
        where TRequest : class
        where T1 : class
        where T2 : class
    {
        // Cancelled after the bound so the request is abandoned, and waited for no longer than that in case it ignores it.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            return await client.GetResponse<T1, T2>(request, x => x.UseExecute(context => context.Headers.Set(RequestedBy.Header, requestedBy)), bound.Token)
                .WaitAsync(Bound, cancellationToken);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {Bound.TotalSeconds:0} s");
        }
    }
}
