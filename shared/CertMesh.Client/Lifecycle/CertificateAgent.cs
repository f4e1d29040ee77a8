using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Client.Configuration;
using CertMesh.Client.Keys;
using CertMesh.Client.Tls;
using CertMesh.Contracts;
using Microsoft.Extensions.Logging;

namespace CertMesh.Client.Lifecycle;

/// <summary>
/// Keeps one declared certificate: asks CertMesh for it with a CSR from the application's own key, serves each revision
/// issued for a key it holds, and answers CertMesh's requests for a CSR from a new key. Every step is written to the
/// key store before it is acted on; messages for other certificates, or for keys it does not hold, change nothing.
/// </summary>
internal sealed partial class CertificateAgent(
    CertificateDefinition definition,
    KeyStore store,
    CertificateSlot slot,
    ICertMeshCommands commands,
    TimeProvider time,
    ILogger<CertificateAgent> logger)
{
    /// <summary>How long start-up waits for a revision CertMesh already holds (it may be in the application's queue)
    /// before it asks for a new one.</summary>
    internal static readonly TimeSpan QueuedRevisionGrace = TimeSpan.FromSeconds(5);

    readonly SemaphoreSlim _gate = new(1, 1);
    KeyRing? _ring;
    CertificateState _state = CertificateState.Empty;

    public CertificateDefinition Definition => definition;

    public CertificateSlot Slot => slot;

    public CertificateState State => Volatile.Read(ref _state);

    /// <summary>
    /// Serves the stored certificate at once if it is valid and matches the key, then (re-)sends the last CSR: when
    /// nothing changed CertMesh issues nothing. A rejection fails start-up with CertMesh's field errors.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string csr;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var ring = Ring();
            if (ring.ReadChain() is { } chain && ring.Current.Matches(chain[0]) && chain[0].NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime)
            {
                Serve(chain, ring.Current, DefaultRenewalTime(chain[0]));
                LogServingStored(definition.Display, chain[0].SerialNumber);
            }
            csr = ring.LatestCsr;
        }
        finally
        {
            _gate.Release();
        }
        IssueOutcome outcome;
        try
        {
            outcome = await commands.IssueAsync(Command(csr), cancellationToken);
        }
        catch (TimeoutException exception) when (slot.Current is not null)
        {
            // Serving what it has beats not starting; CertMesh's events reach the durable queue when it is back.
            LogNoAnswer(exception, definition.Display);
            return;
        }
        if (!outcome.Accepted)
        {
            throw new CertificateRejectedException(definition.Namespace, definition.Name, outcome.Errors);
        }
        LogAccepted(definition.Display, outcome.IssuanceStarted);
        if (!outcome.IssuanceStarted && slot.Current is null)
        {
            // CertMesh holds a revision for this CSR that the application does not have (its files were restored, or
            // the event is still in the queue): wait a moment for the queue, then ask for a new revision.
            try
            {
                await slot.FirstCertificate.WaitAsync(QueuedRevisionGrace, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                LogRenewingMissing(definition.Display);
                await commands.RenewAsync(definition.Namespace, definition.Name, cancellationToken);
            }
        }
    }

    /// <summary>A revision of this certificate: served if its leaf belongs to the current or the pending key.</summary>
    public async Task OnIssuedAsync(CertificateIssued issued, CancellationToken cancellationToken)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(issued.CertificatePem);
        }
        catch (CryptographicException exception)
        {
            LogUnreadable(exception, definition.Display, issued.Revision);
            return;
        }
        if (chain.Count == 0)
        {
            LogUnreadable(null, definition.Display, issued.Revision);
            return;
        }
        var leaf = chain[0];
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var ring = Ring();
            var key = ring.Current.Matches(leaf) ? ring.Current : ring.Pending is { } pending && pending.Matches(leaf) ? pending : null;
            if (key is null)
            {
                LogForeignKey(definition.Display, issued.Revision, leaf.SerialNumber);
                return;
            }
            if (slot.Current is { } served && leaf.NotBefore < served.Certificate.NotBefore)
            {
                LogStale(definition.Display, issued.Revision, leaf.SerialNumber);
                return;
            }
            var current = ring.Accept(issued.CertificatePem, key);
            Serve(chain, current, issued.RenewalTime);
            LogServing(definition.Display, issued.Revision, leaf.SerialNumber);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A failed attempt: kept for the health check until a revision arrives.</summary>
    public void OnFailed(CertificateIssuanceFailed failed)
    {
        Record(new RenewalFailure(failed.Reason, failed.Message, time.GetUtcNow()));
        LogFailed(definition.Display, failed.Revision, failed.Reason, failed.Message);
    }

    /// <summary>
    /// CertMesh needs a CSR from a new key (rotationPolicy Always): a new key is made and stored as pending (or the
    /// pending one reused, when CertMesh asks again), and its CSR sent as <see cref="IssueCertificate"/>. The current
    /// key keeps being served until the revision for the new one arrives.
    /// </summary>
    public async Task OnRenewalRequestedAsync(CertificateRenewalRequested requested, CancellationToken cancellationToken)
    {
        string csr;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            csr = Ring().BeginRotation().Csr;
        }
        finally
        {
            _gate.Release();
        }
        LogRotating(definition.Display, requested.Revision, requested.Reason, requested.Attempt);
        IssueOutcome outcome;
        try
        {
            outcome = await commands.IssueAsync(Command(csr), cancellationToken);
        }
        catch (TimeoutException exception)
        {
            // CertMesh asks again with back-off; the pending key is kept, so the next answer is the same CSR.
            Record(new RenewalFailure("NoAnswer", exception.Message, time.GetUtcNow()));
            LogNoAnswer(exception, definition.Display);
            return;
        }
        if (!outcome.Accepted)
        {
            var message = string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}"));
            Record(new RenewalFailure("Rejected", message, time.GetUtcNow()));
            LogRotationRejected(definition.Display, message);
        }
    }

    IssueCertificate Command(string csr) => new()
    {
        Namespace = definition.Namespace,
        Name = definition.Name,
        Spec = definition.Spec,
        Csr = csr,
    };

    KeyRing Ring() => _ring ??= KeyRing.Open(store, definition);

    void Serve(X509Certificate2Collection chain, ClientKey key, DateTimeOffset renewalTime)
    {
        var served = ServedCertificate.Create(chain, key);
        slot.Swap(served);
        Volatile.Write(ref _state, new CertificateState(served, renewalTime, null));
    }

    void Record(RenewalFailure failure)
    {
        var state = State;
        Volatile.Write(ref _state, state with { LastFailure = failure });
    }

    /// <summary>Until CertMesh says (a revision's <c>RenewalTime</c>), its default: two thirds into the lifetime.</summary>
    static DateTimeOffset DefaultRenewalTime(X509Certificate2 leaf)
    {
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        return notBefore + (notAfter - notBefore) * 2 / 3;
    }
}
