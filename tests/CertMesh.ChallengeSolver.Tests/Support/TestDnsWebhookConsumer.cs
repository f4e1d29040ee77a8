using CertMesh.Contracts.Dns;
using CertMesh.Dns.Transport;
using CertMesh.Dns.Update;
using MassTransit;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The stand-in's consumer: makes the real RFC 2136 change at BIND with the TSIG key and answers as DnsWebhook does
/// (KeyRejected and UpdateRefused not retryable, Unreachable retryable), unless a script says otherwise.
/// </summary>
internal sealed class TestDnsWebhookConsumer(DnsWebhookStandIn standIn) : IConsumer<ChangeDnsRecord>
{
    public async Task Consume(ConsumeContext<ChangeDnsRecord> context)
    {
        var request = context.Message;
        standIn.Received.Enqueue(request);
        WebhookScript? script = standIn.Scripts.TryGetValue(request.ChallengeName, out var queue) && queue.TryDequeue(out var next) ? next : null;
        if (script == WebhookScript.Silent)
            return;
        if (script == WebhookScript.Unreachable)
        {
            await context.RespondAsync(Failed(request, DnsRecordFailureReasons.Unreachable, $"no answer from {BindServer.EndPoint} (scripted)", retryable: true));
            return;
        }

        var client = new Rfc2136Client(BindServer.EndPoint, script == WebhookScript.WrongKey ? BindServer.WrongKey : BindServer.Key);
        try
        {
            if (request.Action == DnsRecordActions.Present)
                await client.AddTxtAsync(request.ResolvedZone, request.ResolvedFqdn, request.Key, 60, context.CancellationToken);
            else
                await client.RemoveTxtAsync(request.ResolvedZone, request.ResolvedFqdn, request.Key, context.CancellationToken);
        }
        catch (DnsUpdateException exception)
        {
            var reason = exception.IsKeyRejected ? DnsRecordFailureReasons.KeyRejected : DnsRecordFailureReasons.UpdateRefused;
            await context.RespondAsync(Failed(request, reason, exception.Message, retryable: false));
            return;
        }
        catch (DnsTimeoutException exception)
        {
            await context.RespondAsync(Failed(request, DnsRecordFailureReasons.Unreachable, exception.Message, retryable: true));
            return;
        }
        await context.RespondAsync(new DnsRecordChanged
        {
            Uid = request.Uid,
            Action = request.Action,
            Namespace = request.Namespace,
            ChallengeName = request.ChallengeName,
            Provider = $"rfc2136 {BindServer.EndPoint}",
        });
    }

    static DnsRecordChangeFailed Failed(ChangeDnsRecord request, string reason, string message, bool retryable) => new()
    {
        Uid = request.Uid,
        Action = request.Action,
        Namespace = request.Namespace,
        ChallengeName = request.ChallengeName,
        Provider = $"rfc2136 {BindServer.EndPoint}",
        Reason = reason,
        Message = message,
        Retryable = retryable,
    };
}
