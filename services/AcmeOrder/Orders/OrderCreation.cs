using CertMesh.Acme.Problems;
using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Retries;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Orders;

/// <summary>
/// One ACME order per CertificateRequest. The Order's name follows from the request, and creating it is serialised
/// per name, so a duplicate command waits, finds the Order and re-announces its outcome instead of ordering again.
/// A new order gets the account, newOrder, every authorization, a solver and a SolveChallenge per pending one, all
/// published with the Order's commit. A transient CA failure re-schedules the command on the short back-off of
/// <see cref="TransientRetry"/>, keeping the Order and, once the CA has it, the CA's order: the next attempt carries
/// on with that one instead of ordering again. Any other failure, or the bound, ends the Order and is announced:
/// the certificate's own back-off decides about the next revision.
/// </summary>
internal sealed partial class OrderCreation(AccountResolver accounts, OrderFinalizer finalizer, AcmeOrderOptions options, ILogger<OrderCreation> logger)
{
    const string Prefix = "Failed to create Order: ";

    public static string OrderNameFor(CreateAcmeOrder command) =>
        AcmeNames.Order(command.RequestName, command.IssuerRef, command.CommonName, command.DnsNames, command.IpAddresses, command.Duration, command.IssuanceId);

    public async Task CreateAsync(UnitOfWork unit, CreateAcmeOrder command, CancellationToken cancellationToken)
    {
        var key = OrderStore.KeyOf(command.Namespace, OrderNameFor(command));
        await OrderStore.LockAsync(unit, key, cancellationToken);
        var existing = await unit.Resources.GetAsync<Order>(key, cancellationToken);
        var effects = new OrderEffects();
        // An Order without its authorizations is one whose creation is waiting for a retry: carry on with it.
        if (existing is { Document.Status: var status } && (IsCreated(status) || OrderStates.IsFinal(status.State)))
        {
            OrderTransitions.Republish(existing.Document, effects);
            await effects.ApplyAsync(unit, key, cancellationToken);
            LogDuplicate(key.Namespace, key.Name, status.State ?? "");
            return;
        }
        var now = unit.Time.GetUtcNow();
        var order = await AdvanceAsync(unit, command, existing?.Document ?? NewOrder(command, key.Name, now), now, effects, cancellationToken);
        await OrderStore.SaveAsync(unit, key, existing, order, cancellationToken);
        await effects.ApplyAsync(unit, key, cancellationToken);
    }

    async Task<Order> AdvanceAsync(UnitOfWork unit, CreateAcmeOrder command, Order order, DateTimeOffset now, OrderEffects effects, CancellationToken cancellationToken)
    {
        var issuerRef = command.IssuerRef;
        var issuer = await unit.Resources.FindAsync(command.Namespace, issuerRef, cancellationToken);
        if (issuer is null)
            return Fail(order, $"{Prefix}{(string.IsNullOrEmpty(issuerRef.Kind) ? ResourceKinds.Issuer : issuerRef.Kind)} \"{issuerRef.Name}\" not found", now, effects);
        if (issuer.Spec.Acme is null)
            return Fail(order, $"{Prefix}{issuer.Kind} \"{issuerRef.Name}\" is not an ACME issuer", now, effects);

        var resolved = await accounts.ResolveAsync(unit, IssuerReader.KeyOf(command.Namespace, issuerRef), issuer, cancellationToken);
        if (resolved.Account is not { } account)
        {
            return resolved.Transient
                ? Retry(command, order, resolved.Message, resolved.RetryAfter, now, effects)
                : Fail(order, Prefix + resolved.Message, now, effects);
        }
        try
        {
            // An earlier attempt that got as far as the CA's order left its URL: carry on with that order.
            var acmeOrder = order.Status.Url is { } url
                ? await account.Client.GetOrderAsync(new Uri(url), cancellationToken)
                : await account.Client.NewOrderAsync(NewOrderRequests.For(order.Spec, account.Config, now), cancellationToken);
            order = order with { Status = order.Status with { Url = acmeOrder.Location.AbsoluteUri, FinalizeUrl = acmeOrder.Finalize.AbsoluteUri, State = acmeOrder.Status } };
            var authorizations = await account.Client.GetAuthorizationsAsync(acmeOrder, cancellationToken);
            var plan = ChallengePlanner.Plan(order, authorizations, account);
            order = order with
            {
                Status = new OrderStatus
                {
                    Url = acmeOrder.Location.AbsoluteUri,
                    FinalizeUrl = acmeOrder.Finalize.AbsoluteUri,
                    State = acmeOrder.Status,
                    Authorizations = plan.Authorizations,
                },
            };
            if (plan.Failure is not null)
                return Fail(order, plan.Failure, now, effects);

            effects.Normal(OrderEvents.CreateOrder, OrderEvents.CreateOrderMessage);
            foreach (var challenge in plan.Challenges)
                effects.Normal(OrderEvents.Created, OrderEvents.ChallengeCreated(challenge.ChallengeName, challenge.DnsName)).Publish(challenge);
            LogCreated(order.Metadata.Namespace, order.Metadata.Name, plan.Challenges.Count, plan.Authorizations.Count);
            // The CA reused a valid authorization for every name: nothing to solve, finalize right away.
            return plan.Challenges.Count == 0 ? await finalizer.FinalizeAsync(account, order, now, effects, cancellationToken) : order;
        }
        catch (AcmeProblemException problem) when (problem.Type == AcmeProblemTypes.AccountDoesNotExist)
        {
            // The CA forgot the account (reset, or removed): register the key again and retry at once, with a new
            // order at the CA (one made under the forgotten account is not the new account's to continue).
            var detail = CaFailure.From(problem)!.Detail;
            await accounts.ForgetAsync(IssuerReader.KeyOf(command.Namespace, issuerRef), account.AccountUrl, detail, cancellationToken);
            return Retry(command, order with { Status = new OrderStatus() }, detail, TimeSpan.Zero, now, effects);
        }
        catch (Exception exception) when (CaFailure.From(exception, cancellationToken) is { } failure)
        {
            return failure.Transient
                ? Retry(command, order, failure.Detail, failure.RetryAfter, now, effects)
                : Fail(order, Prefix + failure.Detail, now, effects);
        }
    }

    /// <summary>The same command again on the short back-off (never before the CA's Retry-After), until the bound; then the order fails.</summary>
    Order Retry(CreateAcmeOrder command, Order order, string detail, TimeSpan? retryAfter, DateTimeOffset now, OrderEffects effects)
    {
        if (options.Retry.DelayAfter(command.Attempt, retryAfter) is not { } delay)
            return Fail(order, Prefix + detail + options.Retry.GiveUpNote(retryAfter), now, effects);
        var next = command.Attempt + 1;
        var due = now + delay;
        var reason = $"Waiting to create the order again at {due:u} (attempt {next + 1} of {options.Retry.MaxAttempts}): {detail}";
        effects.Warning(OrderEvents.Retrying, reason).Schedule(command with { Attempt = next }, due);
        LogRetry(order.Metadata.Namespace, order.Metadata.Name, due, detail);
        return order with { Status = order.Status with { Reason = reason } };
    }

    /// <summary>Created: the CA's order is known with its authorizations (every ACME order has at least one).</summary>
    static bool IsCreated(OrderStatus status) => status.Url is not null && status.Authorizations.Count > 0;

    Order Fail(Order order, string message, DateTimeOffset now, OrderEffects effects)
    {
        LogFailed(order.Metadata.Namespace, order.Metadata.Name, message);
        return OrderTransitions.Fail(order, OrderStates.Errored, message, now, effects);
    }

    static Order NewOrder(CreateAcmeOrder command, string name, DateTimeOffset now) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = command.Namespace,
            Name = name,
            Uid = Guid.NewGuid(),
            Generation = 1,
            CreationTimestamp = now,
            // cert-manager copies the Certificate's labels onto the Order: solver selectors match against them.
            Labels = command.Labels.Count > 0 ? new Dictionary<string, string>(command.Labels) : null,
        },
        Spec = new OrderSpec
        {
            Request = command.CsrPem,
            IssuerRef = command.IssuerRef,
            CommonName = command.CommonName,
            DnsNames = command.DnsNames,
            IpAddresses = command.IpAddresses,
            Duration = command.Duration,
            CertificateRequestName = command.RequestName,
            CertificateName = command.CertificateName,
            Revision = command.Revision,
            IssuanceId = command.IssuanceId,
        },
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} created: {Challenges} challenges for {Authorizations} authorizations")]
    partial void LogCreated(string @namespace, string name, int challenges, int authorizations);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} exists ({State}): re-announcing its outcome, if any")]
    partial void LogDuplicate(string @namespace, string name, string state);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} creation retried at {Due}: {Detail}")]
    partial void LogRetry(string @namespace, string name, DateTimeOffset due, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Order {Namespace}/{Name} failed: {Message}")]
    partial void LogFailed(string @namespace, string name, string message);
}
