using CertMesh.Contracts.Acme;
using CertMesh.Contracts.Issuance;
using CertMesh.Issuing.Sagas;
using MassTransit;

namespace CertMesh.Issuing.Tests.Sagas;

public sealed class IssuanceStateMachineTests
{
    [Fact]
    public async Task Requested_WithoutCsr_AsksKeyManagerAndWaitsForTheKey()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps());
        var id = NewId.NextGuid();

        await saga.PublishAsync(SagaHarness.Request(id));

        await saga.InStateAsync(id, m => m.GeneratingKey);
        Assert.True(await saga.Harness.Published.Any<GeneratePrivateKey>(m => m.Context.Message.IssuanceId == id));
        Assert.Equal([nameof(IIssuanceSteps.RequestKeyAsync)], saga.Steps.Calls);
        var instance = saga.Saga.Sagas.Contains(id)!;
        Assert.Equal(("shop", "checkout", 1), (instance.Namespace, instance.Name, instance.Revision));
    }

    [Fact]
    public async Task Requested_WithSuppliedCsr_SignsWithoutAKey()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.Issued));
        var id = NewId.NextGuid();

        await saga.PublishAsync(SagaHarness.Request(id, hasCsr: true));

        await saga.InStateAsync(id, m => m.Issued);
        Assert.Equal([nameof(IIssuanceSteps.IssueAsync)], saga.Steps.Calls);
    }

    [Fact]
    public async Task Requested_Redelivered_StartsOneIssuance()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps());
        var id = NewId.NextGuid();

        await saga.PublishAsync(SagaHarness.Request(id));
        await saga.InStateAsync(id, m => m.GeneratingKey);
        await saga.PublishAsync(SagaHarness.Request(id));

        await WaitForAsync(() => saga.Saga.Consumed.Select<CertificateIssuanceRequested>(m => m.Context.Message.IssuanceId == id).Count() == 2);
        Assert.Equal(1, saga.Steps.Count(nameof(IIssuanceSteps.RequestKeyAsync)));
        Assert.Equal(saga.Machine.GeneratingKey.Name, saga.Current(id));
    }

    [Fact]
    public async Task KeyReady_IssuerSigns_EndsIssuedWithTheKeySecret()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.Issued));
        var id = await GeneratingKeyAsync(saga);

        await saga.PublishAsync(KeyReady(id));

        await saga.InStateAsync(id, m => m.Issued);
        Assert.Equal("checkout-next-key-1", saga.Saga.Sagas.Contains(id)!.KeySecretName);
    }

    [Fact]
    public async Task KeyFailed_EndsFailedWithKeyManagersReason()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps());
        var id = await GeneratingKeyAsync(saga);

        await saga.PublishAsync(new PrivateKeyGenerationFailed { IssuanceId = id, Reason = "InvalidPrivateKeySpec", Message = "spec.privateKey.size: Unsupported value: 1000 for RSA" });

        await saga.InStateAsync(id, m => m.Failed);
        Assert.Contains($"{nameof(IIssuanceSteps.FailAsync)}:InvalidPrivateKeySpec", saga.Steps.Calls);
    }

    [Fact]
    public async Task GeneratePrivateKey_KeyManagerThrows_FaultEndsFailed()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps(), typeof(BrokenKeyManager));
        var id = NewId.NextGuid();

        await saga.PublishAsync(SagaHarness.Request(id));

        await saga.InStateAsync(id, m => m.Failed);
        Assert.True(await saga.Saga.Consumed.Any<Fault<GeneratePrivateKey>>(m => m.Context.Message.Message.IssuanceId == id));
        Assert.Contains($"{nameof(IIssuanceSteps.FailAsync)}:KeyGenerationFailed", saga.Steps.Calls);
    }

    [Fact]
    public async Task KeyReady_NoPolicySelects_WaitsForApprovalThenApprovedIssues()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForApproval, IssuanceOutcome.Issued));
        var id = await GeneratingKeyAsync(saga);

        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.WaitingForApproval);
        await saga.PublishAsync(new CertificateRequestApproved { IssuanceId = id, Namespace = "shop", RequestName = "checkout-1", ApprovedBy = "ops" });

        await saga.InStateAsync(id, m => m.Issued);
        Assert.Equal([nameof(IIssuanceSteps.RequestKeyAsync), nameof(IIssuanceSteps.IssueAsync), nameof(IIssuanceSteps.ApproveAsync)], saga.Steps.Calls);
    }

    [Fact]
    public async Task WaitingForApproval_Denied_EndsFailed()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForApproval));
        var id = await GeneratingKeyAsync(saga);
        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.WaitingForApproval);

        await saga.PublishAsync(new CertificateRequestDenied { IssuanceId = id, Namespace = "shop", RequestName = "checkout-1", DeniedBy = "ops" });

        await saga.InStateAsync(id, m => m.Failed);
    }

    [Fact]
    public async Task WaitingForIssuer_OnlyThisWaitsTimeout_SignsAgain()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForIssuer, IssuanceOutcome.WaitingForIssuer, IssuanceOutcome.Issued));
        var id = await GeneratingKeyAsync(saga);
        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.WaitingForIssuer);

        // Attempt 1's timeout retries, finds the issuer still not ready: attempt 2 is scheduled.
        await saga.PublishAsync(new RetryIssuance { IssuanceId = id, Attempt = 1 });
        await WaitForAsync(() => saga.Saga.Sagas.Contains(id)!.IssuerWaits == 2);
        // A duplicate of attempt 1's timeout arriving now is not this wait's: ignored.
        await saga.PublishAsync(new RetryIssuance { IssuanceId = id, Attempt = 1 });
        await WaitForAsync(() => saga.Saga.Consumed.Select<RetryIssuance>(m => m.Context.Message.IssuanceId == id).Count() == 2);
        Assert.Equal(saga.Machine.WaitingForIssuer.Name, saga.Current(id));
        await saga.PublishAsync(new RetryIssuance { IssuanceId = id, Attempt = 2 });

        await saga.InStateAsync(id, m => m.Issued);
        Assert.Equal(3, saga.Steps.Count(nameof(IIssuanceSteps.IssueAsync)));
    }

    [Fact]
    public async Task WaitingForOrder_OrderCompleted_EndsIssued()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForOrder, IssuanceOutcome.Issued));
        var id = await GeneratingKeyAsync(saga);
        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.WaitingForOrder);
        Assert.True(await saga.Harness.Published.Any<CreateAcmeOrder>(m => m.Context.Message.IssuanceId == id));

        await saga.PublishAsync(new AcmeOrderCompleted { IssuanceId = id, Namespace = "shop", OrderName = "checkout-1-123", ChainPem = "-" });

        await saga.InStateAsync(id, m => m.Issued);
        Assert.Equal(1, saga.Steps.Count(nameof(IIssuanceSteps.CompleteOrderAsync)));
    }

    [Fact]
    public async Task WaitingForOrder_OrderFailed_EndsFailedWithTheCasReason()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForOrder));
        var id = await GeneratingKeyAsync(saga);
        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.WaitingForOrder);

        await saga.PublishAsync(new AcmeOrderFailed { IssuanceId = id, Namespace = "shop", OrderName = "checkout-1-123", Reason = "rejectedIdentifier", Message = "no" });

        await saga.InStateAsync(id, m => m.Failed);
        Assert.Contains($"{nameof(IIssuanceSteps.FailOrderAsync)}:rejectedIdentifier", saga.Steps.Calls);
    }

    [Fact]
    public async Task CreateAcmeOrder_AcmeOrderThrows_FaultEndsFailed()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.WaitingForOrder), typeof(BrokenAcmeOrder));
        var id = await GeneratingKeyAsync(saga);

        await saga.PublishAsync(KeyReady(id));

        await saga.InStateAsync(id, m => m.Failed);
        Assert.Contains($"{nameof(IIssuanceSteps.FailAsync)}:OrderFailed", saga.Steps.Calls);
    }

    [Fact]
    public async Task Issued_LateAndDuplicateMessages_ChangeNothing()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps().Then(IssuanceOutcome.Issued));
        var id = await GeneratingKeyAsync(saga);
        await saga.PublishAsync(KeyReady(id));
        await saga.InStateAsync(id, m => m.Issued);
        var calls = saga.Steps.Calls.Count;

        await saga.PublishAsync(KeyReady(id));
        await saga.PublishAsync(new AcmeOrderCompleted { IssuanceId = id, Namespace = "shop" });
        await saga.PublishAsync(new CertificateRequestApproved { IssuanceId = id, Namespace = "shop" });
        await saga.PublishAsync(new CertificateRequestDenied { IssuanceId = id, Namespace = "shop" });

        Assert.True(await saga.Saga.Consumed.Any<CertificateRequestDenied>(m => m.Context.Message.IssuanceId == id));
        Assert.Equal(calls, saga.Steps.Calls.Count);
        Assert.Equal(saga.Machine.Issued.Name, saga.Current(id));
    }

    [Fact]
    public async Task KeyReady_UnknownIssuance_IsDiscarded()
    {
        await using var saga = await SagaHarness.StartAsync(new ScriptedSteps());
        var id = NewId.NextGuid();

        await saga.PublishAsync(KeyReady(id));

        Assert.True(await saga.Harness.Consumed.Any<PrivateKeyReady>(m => m.Context.Message.IssuanceId == id));
        Assert.Null(saga.Saga.Sagas.Contains(id));
        Assert.Empty(saga.Steps.Calls);
    }

    [Theory]
    [InlineData(IssuanceOutcome.WaitingForApproval, "WaitingForApproval")]
    [InlineData(IssuanceOutcome.WaitingForIssuer, "WaitingForIssuer")]
    [InlineData(IssuanceOutcome.WaitingForOrder, "WaitingForOrder")]
    [InlineData(IssuanceOutcome.Issued, "Issued")]
    [InlineData(IssuanceOutcome.Failed, "Failed")]
    public void StateAfter_EveryOutcome_HasItsState(IssuanceOutcome outcome, string state)
    {
        var machine = new IssuanceStateMachine(new ScriptedSteps(), TimeProvider.System);

        Assert.Equal(state, machine.StateAfter(outcome).Name);
    }

    [Fact]
    public void StateAfter_NoOutcome_Throws()
    {
        var machine = new IssuanceStateMachine(new ScriptedSteps(), TimeProvider.System);

        Assert.Throws<InvalidOperationException>(() => machine.StateAfter(IssuanceOutcome.Pending));
    }

    static async Task<Guid> GeneratingKeyAsync(SagaHarness saga)
    {
        var id = NewId.NextGuid();
        await saga.PublishAsync(SagaHarness.Request(id));
        await saga.InStateAsync(id, m => m.GeneratingKey);
        return id;
    }

    static PrivateKeyReady KeyReady(Guid id) => new()
    {
        IssuanceId = id,
        Namespace = "shop",
        Name = "checkout",
        Revision = 1,
        KeySecretName = "checkout-next-key-1",
    };

    static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition());
    }
}

internal sealed class BrokenKeyManager : IConsumer<GeneratePrivateKey>
{
    public Task Consume(ConsumeContext<GeneratePrivateKey> context) => throw new InvalidOperationException("the key store is unreachable");
}

internal sealed class BrokenAcmeOrder : IConsumer<CreateAcmeOrder>
{
    public Task Consume(ConsumeContext<CreateAcmeOrder> context) => throw new InvalidOperationException("the ACME account cannot be loaded");
}
