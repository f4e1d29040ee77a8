using CertMesh.Contracts;
using CertMesh.Hosting.Authorization;
using CertMesh.Hosting.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CertMesh.Hosting.Bus;

/// <summary>
/// Who may send what, checked before any consumer runs. Only the three public commands may come from applications
/// (Trigger authorizes them per namespace); every other message a CertMesh service consumes must come from a system user
/// (the services' own, proven by the broker's <c>user_id</c>), so a message an application manages to route into an
/// internal queue is dropped, not obeyed. An application's command must name reply and fault addresses of its own
/// (<c>&lt;user&gt;.…</c>, see <see cref="ReplyDestination"/>): else answering it could make the service declare or bind
/// topology for the sender with the service's permissions.
/// </summary>
public sealed partial class SenderFilter<T>(AccessOptions access, ILogger<SenderFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    static readonly bool IsPublicCommand = typeof(T) == typeof(IssueCertificate) || typeof(T) == typeof(RenewCertificate) || typeof(T) == typeof(DeleteCertificate);

    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var user = context.BrokerVerifiedUser();
        if (user is not null && access.IsSystemBusUser(user))
            return next.Send(context);
        if (!IsPublicCommand)
        {
            LogDropped(typeof(T).Name, user ?? "(none)", context.MessageId, "only CertMesh's own services send it");
            return Task.CompletedTask;
        }
        // Without a user Trigger refuses the command itself (and answers); with one, its addresses must be its own.
        if (user is not null)
        {
            foreach (var (field, address) in new[] { ("ResponseAddress", context.ResponseAddress), ("FaultAddress", context.FaultAddress) })
            {
                if (address is not null && !ReplyDestination.IsApplicationsOwn(address, context.ReceiveContext.InputAddress, user))
                {
                    LogDropped(typeof(T).Name, user, context.MessageId, $"its {field} {address} is not a queue of its own (\"{user}.…\", no binding options) on this broker");
                    return Task.CompletedTask;
                }
            }
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("certmesh-sender");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {MessageType} {MessageId} from RabbitMQ user {User}: {Reason}")]
    partial void LogDropped(string messageType, string user, Guid? messageId, string reason);
}
