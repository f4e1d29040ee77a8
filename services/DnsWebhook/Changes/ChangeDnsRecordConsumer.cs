using CertMesh.Contracts.Dns;
using MassTransit;

namespace CertMesh.DnsWebhook.Changes;

/// <summary>
/// Answers ChallengeSolver's ChangeDnsRecord request with DnsRecordChanged or DnsRecordChangeFailed. No inbox: nothing
/// is written here, and the change itself is idempotent, so a redelivery just makes it again and answers again.
/// </summary>
internal sealed class ChangeDnsRecordConsumer(DnsRecordChanger changer) : IConsumer<ChangeDnsRecord>
{
    public async Task Consume(ConsumeContext<ChangeDnsRecord> context)
    {
        var request = context.Message;
        var result = await changer.ChangeAsync(request, context.CancellationToken);
        if (result.Failure is not { } failure)
        {
            await context.RespondAsync(new DnsRecordChanged
            {
                Uid = request.Uid,
                Action = request.Action,
                Namespace = request.Namespace,
                ChallengeName = request.ChallengeName,
                Provider = result.Provider,
            });
            return;
        }
        await context.RespondAsync(new DnsRecordChangeFailed
        {
            Uid = request.Uid,
            Action = request.Action,
            Namespace = request.Namespace,
            ChallengeName = request.ChallengeName,
            Provider = result.Provider,
            Reason = failure.Reason,
            Message = failure.Message,
            Retryable = failure.Retryable,
        });
    }
}
