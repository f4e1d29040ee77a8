using System.Threading.Channels;
using CertMesh.Edge.Routing;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace CertMesh.Edge.Certificates;

/// <summary>
/// Keeps the Certificates in the Edge's namespace in line with the accepted route file: after every accepted reload
/// and every <see cref="RouteCertificateOptions.Reconcile"/>, it reads the stored Certificates (read-only) and sends
/// Trigger <c>IssueCertificate</c> for each route's missing or changed Certificate and <c>DeleteCertificate</c> for each
/// owned one no route asks for (<see cref="ReconcilePlan"/>). Renewal is not its job: Trigger renews what it stores.
/// <para>
/// Idempotent, so several Edge replicas doing this at once is harmless: the same route file gives every replica the
/// same commands, Trigger's admission changes nothing for a spec it already holds, and deleting a deleted Certificate
/// is answered "not found". (Replicas with different route files, mid-rollout, disagree until the rollout ends.)
/// </para>
/// <para>
/// Nothing is reconciled before this process has accepted a route file: an Edge that starts with a missing or invalid
/// file must not take that for "no routes" and delete every Certificate the routes still need.
/// </para>
/// </summary>
internal sealed partial class RouteCertificateReconciler(
    IProxyConfigProvider routes, StoredCertificates stored, TriggerCommands trigger, RouteCertificateOptions options,
    TimeProvider time, ILogger<RouteCertificateReconciler> logger) : BackgroundService
{
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var reloads = ChangeToken.OnChange(() => routes.GetConfig().ChangeToken, () => _wake.Writer.TryWrite(true));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception, options.Reconcile.TotalSeconds);
            }
            using var period = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var tick = Task.Delay(options.Reconcile, time, period.Token);
            await Task.WhenAny(tick, _wake.Reader.WaitToReadAsync(period.Token).AsTask());
            _wake.Reader.TryRead(out _);
            await period.CancelAsync();
        }
    }

    async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (routes.GetConfig() is not FileProxyConfig { FromFile: true } config)
            return;
        // The file was accepted, so every route maps without errors; routes naming no issuer map to nothing.
        var desired = config.Routes
            .Select(r => RouteCertificateMapper.Map(r.RouteId, r.Match.Hosts, r.Metadata, options.Namespace).Certificate)
            .OfType<RouteCertificate>()
            .ToList();
        var plan = ReconcilePlan.Decide(desired, await stored.ListAsync(cancellationToken));
        foreach (var certificate in plan.NotOwned)
            LogNotOwned(options.Namespace, certificate.Name, certificate.RouteId, RouteAnnotations.OwnerLabel);
        // One at a time: a route file changes rarely, and Trigger admits each in a few milliseconds.
        foreach (var certificate in plan.Issue)
            await trigger.IssueAsync(certificate, cancellationToken);
        foreach (var name in plan.Delete)
            await trigger.DeleteAsync(options.Namespace, name, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling route certificates failed; trying again after the next route reload or in {Seconds} s")]
    partial void LogFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Certificate {Namespace}/{Name} for route '{RouteId}' exists but has no label {OwnerLabel}: it was not made by the Edge and is left alone; delete it or rename the route")]
    partial void LogNotOwned(string @namespace, string name, string routeId, string ownerLabel);
}
