using System.Diagnostics;
using CertMesh.Contracts;
using MassTransit;

namespace CertMesh.Faults.Tests.Support;

/// <summary>
/// N certificates asked for one by one at a steady pace, each as a request/response call, with a fault injected once a
/// share of them has been sent; then everything is counted: answers, issued certificates, duplicates, losses.
/// The <see cref="CarefulCaller"/> publishes again only what did not go out; a request that went out and was never
/// answered is what this suite exists to catch.
/// </summary>
public sealed class IssuanceBatch(FaultStack stack, string @namespace, int count)
{
    static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(2);
    int _answered;

    public async Task<BatchReport> RunAsync(double faultAt, Func<Task> fault, ITestOutputHelper output)
    {
        var clock = Stopwatch.StartNew();
        var answers = new List<Task<Answer>>();
        // The fault lands once a share of the requests has been answered, while the rest are queued and in flight:
        // callers send faster than the services answer, so the broker and the consumers hold a backlog at that moment.
        var faulted = Task.Run(async () =>
        {
            while (Volatile.Read(ref _answered) < count * faultAt)
                await Task.Delay(5);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s fault injected: {_answered} answered, {stack.Issued.Names(@namespace).Count} issued of {count}");
            await fault();
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s servers back");
        });
        for (var i = 0; i < count; i++)
        {
            answers.Add(AskAsync(FaultStack.Issue(@namespace, $"c{i}")));
            await Task.Delay(Pace);
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s all {count} requests sent");
        var results = await Task.WhenAll(answers);
        await faulted;
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s every call returned");

        // Everything asked for is issued in the end; then a little longer, so a duplicate would have time to show.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (stack.Issued.Names(@namespace).Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s {stack.Issued.Names(@namespace).Count} of {count} issued");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var received = stack.Issued.For(@namespace);
        var perName = received.GroupBy(r => r.Message.Name).ToDictionary(g => g.Key, g => g.ToList());
        var report = new BatchReport(
            Requests: count,
            Accepted: results.Count(r => r == Answer.Accepted),
            Rejected: results.Count(r => r == Answer.Rejected),
            Faulted: results.Count(r => r == Answer.Faulted),
            Unanswered: results.Count(r => r == Answer.None),
            Republished: stack.Caller.Republished,
            DuplicateAnswers: stack.Caller.DuplicateAnswers,
            Issued: perName.Count,
            Duplicated: perName.Values.Count(list => list.Select(r => r.MessageId).Distinct().Count() > 1 || list.Any(r => r.Message.Revision != 1)),
            Lost: count - perName.Count,
            CertificatesAtRevision1: await stack.CountAsync(
                "SELECT count(*) FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND (doc->'status'->>'revision')::int = 1 AND doc->'status'->'issuingRevision' IS NULL", @namespace),
            CertificateRequests: await stack.CountAsync("SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns", @namespace),
            Secrets: await stack.CountAsync("SELECT count(*) FROM secrets WHERE namespace = @ns AND name LIKE '%-tls'", @namespace),
            Elapsed: clock.Elapsed);
        output.WriteLine(report.ToString());
        foreach (var name in Enumerable.Range(0, count).Select(i => $"c{i}").Where(n => !perName.ContainsKey(n)).Take(10))
            output.WriteLine($"  not issued: {await stack.DescribeAsync(@namespace, name)}");
        return report;
    }

    async Task<Answer> AskAsync(IssueCertificate command)
    {
        var answer = await stack.Caller.AskAsync(command, FaultStack.AnswerTimeout);
        if (answer != Answer.None)
            Interlocked.Increment(ref _answered);
        return answer;
    }
}

public sealed record BatchReport(
    int Requests,
    int Accepted,
    int Rejected,
    int Faulted,
    int Unanswered,
    int Republished,
    int DuplicateAnswers,
    int Issued,
    int Duplicated,
    int Lost,
    long CertificatesAtRevision1,
    long CertificateRequests,
    long Secrets,
    TimeSpan Elapsed)
{
    public override string ToString() =>
        $"requests {Requests}: accepted {Accepted}, rejected {Rejected}, faulted {Faulted}, unanswered {Unanswered} " +
        $"(publishes repeated {Republished}, answers received twice {DuplicateAnswers}); " +
        $"issued {Issued}, duplicated {Duplicated}, lost {Lost}; in PostgreSQL: {CertificatesAtRevision1} certificates at revision 1, " +
        $"{CertificateRequests} CertificateRequests, {Secrets} Secrets; {Elapsed.TotalSeconds:0.0} s";
}
