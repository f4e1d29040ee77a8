using System.Net;
using System.Net.Sockets;
using CertMesh.Dns.Update;
using CertMesh.WebhookSolver.Configuration;
using CertMesh.WebhookSolver.Payload;

namespace CertMesh.WebhookSolver.Solving;

/// <summary>
/// Present adds the one TXT value, CleanUp removes just that value, each a single RFC 2136 update signed with the
/// webhook's own key. Every outcome is a ChallengeResponse: cert-manager reads failures from it, not from HTTP codes.
/// </summary>
internal sealed class TxtSolver(SolverOptions options, TimeProvider time, ILogger<TxtSolver> logger)
{
    public async Task<ChallengeResponse> SolveAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var target = ChallengeTarget.Parse(challenge.ResolvedFqdn, challenge.ResolvedZone, errors);
        var config = SolverConfig.Parse(challenge.Config, errors);
        if (target is null || config is null)
            return Fail(challenge, KubernetesStatus.BadRequest(string.Join("; ", errors)));

        IPEndPoint server;
        try
        {
            server = await ResolveAsync(config.Nameserver, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Fail(challenge, KubernetesStatus.BadRequest($"config.nameserver '{config.Nameserver}' does not resolve: {e.Message}"));
        }

        var client = new Rfc2136Client(server, options.Credentials.KeyNamed(config.TsigKeyName), options.Dns);
        if (challenge.Action == ChallengeActions.Present && options.PropagationDelay > TimeSpan.Zero)
        {
            _ = PresentLaterAsync(client, challenge, target, config.Ttl, server);
            return ChallengeResponse.Succeeded(challenge.Uid);
        }
        try
        {
            if (challenge.Action == ChallengeActions.Present)
                await client.AddTxtAsync(target.Zone, target.Fqdn, challenge.Key, config.Ttl, cancellationToken);
            else
                await client.RemoveTxtAsync(target.Zone, target.Fqdn, challenge.Key, cancellationToken);
        }
        catch (Exception e) when (DnsFailures.ToStatus(e, server) is { } status)
        {
            return Fail(challenge, status);
        }

        logger.Solved(challenge.Action, target.Fqdn, target.Zone, server.ToString(), challenge.Uid);
        return ChallengeResponse.Succeeded(challenge.Uid);
    }

    /// <summary>The delayed publication of <see cref="SolverOptions.PropagationDelay"/>; its failures can only be logged.</summary>
    async Task PresentLaterAsync(Rfc2136Client client, Challenge challenge, ChallengeTarget target, uint ttl, IPEndPoint server)
    {
        try
        {
            await Task.Delay(options.PropagationDelay, time);
            await client.AddTxtAsync(target.Zone, target.Fqdn, challenge.Key, ttl);
            logger.Solved(challenge.Action, target.Fqdn, target.Zone, server.ToString(), challenge.Uid);
        }
        catch (Exception e) when (DnsFailures.ToStatus(e, server) is { } status)
        {
            logger.Failed(challenge.Action, challenge.ResolvedFqdn, challenge.Uid, status.Code, status.Reason, status.Message);
        }
    }

    /// <summary>A host name goes through the system resolver, bounded by the same timeout as the update itself.</summary>
    async Task<IPEndPoint> ResolveAsync(Nameserver nameserver, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Dns.Timeout);
        return await nameserver.ResolveAsync(deadline.Token);
    }

    ChallengeResponse Fail(Challenge challenge, KubernetesStatus status)
    {
        logger.Failed(challenge.Action, challenge.ResolvedFqdn, challenge.Uid, status.Code, status.Reason, status.Message);
        return ChallengeResponse.Failed(challenge.Uid, status);
    }
}
