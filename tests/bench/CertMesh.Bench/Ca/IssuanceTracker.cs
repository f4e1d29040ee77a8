using System.Collections.Concurrent;
using System.Diagnostics;
using CertMesh.Contracts;

namespace CertMesh.Bench.Ca;

/// <summary>
/// Per certificate of one run: when its IssueCertificate was handed to the bus and when its first
/// CertificateIssued arrived (matched by Namespace/Name). Counts duplicates, failures and rejections.
/// Events of other namespaces (other users of the bus) are ignored.
/// </summary>
internal sealed class IssuanceTracker(string @namespace, int count)
{
    readonly long[] publishedAt = new long[count];
    readonly long[] issuedAt = new long[count];
    readonly TaskCompletionSource allIssued = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int published, issued, duplicates, failures, rejected, deleted;

    public ConcurrentDictionary<string, int> FailureReasons { get; } = new();
    public ConcurrentDictionary<string, int> RejectionErrors { get; } = new();
    public Task AllIssued => allIssued.Task;
    public int Published => Volatile.Read(ref published);
    public int Issued => Volatile.Read(ref issued);
    public int Duplicates => Volatile.Read(ref duplicates);
    public int Failures => Volatile.Read(ref failures);
    public int Rejected => Volatile.Read(ref rejected);
    public int Deleted => Volatile.Read(ref deleted);

    public void OnPublishing(int index) => OnPublishing(index, Stopwatch.GetTimestamp());

    /// <summary>A paced run times each certificate from its scheduled moment, so a publish that started late counts its lag.</summary>
    public void OnPublishing(int index, long timestamp)
    {
        Volatile.Write(ref publishedAt[index], timestamp);
        Interlocked.Increment(ref published);
    }

    public void OnIssued(CertificateIssued message)
    {
        if (!TryIndex(message.Namespace, message.Name, out var index))
            return;
        if (Interlocked.CompareExchange(ref issuedAt[index], Stopwatch.GetTimestamp(), 0) != 0)
        {
            Interlocked.Increment(ref duplicates);
            return;
        }
        if (Interlocked.Increment(ref issued) == count)
            allIssued.TrySetResult();
    }

    public void OnFailed(CertificateIssuanceFailed message)
    {
        if (!TryIndex(message.Namespace, message.Name, out _))
            return;
        Interlocked.Increment(ref failures);
        FailureReasons.AddOrUpdate($"{message.Reason}: {message.Message}", 1, (_, n) => n + 1);
    }

    public void OnRejected(IssueCertificateRejected message)
    {
        if (!TryIndex(message.Namespace, message.Name, out _))
            return;
        Interlocked.Increment(ref rejected);
        foreach (var error in message.Errors)
            RejectionErrors.AddOrUpdate($"{error.Field}: {error.Message}", 1, (_, n) => n + 1);
    }

    public void OnDeleted(CertificateDeleted message)
    {
        if (TryIndex(message.Namespace, message.Name, out _))
            Interlocked.Increment(ref deleted);
    }

    /// <summary>Milliseconds from publish to first CertificateIssued, for the certificates issued so far.</summary>
    public IEnumerable<double> LatenciesMilliseconds()
    {
        for (var i = 0; i < count; i++)
        {
            var done = Volatile.Read(ref issuedAt[i]);
            if (done != 0)
                yield return Stopwatch.GetElapsedTime(publishedAt[i], done).TotalMilliseconds;
        }
    }

    /// <summary>From the first publish to the last CertificateIssued received.</summary>
    public TimeSpan Span()
    {
        long first = long.MaxValue, last = 0;
        for (var i = 0; i < count; i++)
        {
            if (publishedAt[i] != 0)
                first = Math.Min(first, publishedAt[i]);
            last = Math.Max(last, Volatile.Read(ref issuedAt[i]));
        }
        return last == 0 || first == long.MaxValue ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first, last);
    }

    /// <summary>
    /// Certificates per second coming out, from the first CertificateIssued to the last: when the stack keeps up with a
    /// paced run this is the offered rate, whatever the latency (which shifts both ends alike).
    /// </summary>
    public double IssuedRate()
    {
        long first = long.MaxValue, last = 0;
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            var done = Volatile.Read(ref issuedAt[i]);
            if (done == 0)
                continue;
            n++;
            first = Math.Min(first, done);
            last = Math.Max(last, done);
        }
        return n < 2 || last == first ? 0 : (n - 1) / Stopwatch.GetElapsedTime(first, last).TotalSeconds;
    }

    bool TryIndex(string messageNamespace, string name, out int index)
    {
        index = -1;
        return messageNamespace == @namespace && BenchCertificates.TryParseIndex(name, out index) && index < count;
    }
}
