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

    public static Task<Response<T1, T2>> AskAsync<TRequest, T1, T2>(this IRequestClient<TRequest> client, TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where T1 : class
        where T2 : class =>
        client.GetResponse<T1, T2>(request, cancellationToken).WaitAsync(Bound, cancellationToken);
}
