using System.Collections.Concurrent;
using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Sagas;
using MassTransit;

namespace CertMesh.Issuing.Tests.Sagas;

/// <summary>
/// Stands in for the workflow: each signing step ends with the outcome the test scripted, every call is recorded, and
/// the key request is published on the harness bus as the workflow's outbox would publish it.
/// </summary>
internal sealed class ScriptedSteps : IIssuanceSteps
{
    readonly ConcurrentQueue<IssuanceOutcome> _outcomes = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The outcomes the next signing steps end with, in order; Issued once they run out.</summary>
    public ScriptedSteps Then(params IssuanceOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
            _outcomes.Enqueue(outcome);
        return this;
    }

    public int Count(string step) => Calls.Count(c => c.StartsWith(step, StringComparison.Ordinal));

    public Task RequestKeyAsync(ConsumeContext context, IssuanceState saga, CertificateIssuanceRequested request)
    {
        Calls.Enqueue(nameof(RequestKeyAsync));
        return context.Publish(new GeneratePrivateKey
        {
            IssuanceId = saga.CorrelationId,
            CertificateUid = request.CertificateUid,
            Namespace = request.Namespace,
            Name = request.Name,
            Revision = request.Revision,
        });
    }

    public Task IssueAsync(ConsumeContext context, IssuanceState saga) => Sign(context, saga, nameof(IssueAsync));

    public Task ApproveAsync(ConsumeContext context, IssuanceState saga, CertificateRequestApproved approval) => Sign(context, saga, nameof(ApproveAsync));

    public Task DenyAsync(ConsumeContext context, IssuanceState saga, CertificateRequestDenied denial) => End(saga, nameof(DenyAsync), IssuanceOutcome.Failed);

    public Task CompleteOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderCompleted completed) => Sign(context, saga, nameof(CompleteOrderAsync));

    public Task FailOrderAsync(ConsumeContext context, IssuanceState saga, AcmeOrderFailed failed) =>
        End(saga, $"{nameof(FailOrderAsync)}:{failed.Reason}", IssuanceOutcome.Failed);

    public Task FailAsync(ConsumeContext context, IssuanceState saga, string reason, string message) =>
        End(saga, $"{nameof(FailAsync)}:{reason}", IssuanceOutcome.Failed);

    async Task Sign(ConsumeContext context, IssuanceState saga, string step)
    {
        var outcome = _outcomes.TryDequeue(out var next) ? next : IssuanceOutcome.Issued;
        if (outcome == IssuanceOutcome.WaitingForIssuer)
            saga.IssuerWaits++;
        if (outcome == IssuanceOutcome.WaitingForOrder)
            await context.Publish(new CreateAcmeOrder { IssuanceId = saga.CorrelationId, Namespace = saga.Namespace, CertificateName = saga.Name });
        await End(saga, step, outcome);
    }

    Task End(IssuanceState saga, string step, IssuanceOutcome outcome)
    {
        Calls.Enqueue(step);
        saga.Outcome = outcome;
        return Task.CompletedTask;
    }
}
