using System.Collections.Concurrent;
using MassTransit;
using Prometheus;

namespace CertMesh.Hosting.Metrics;

/// <summary>
/// cert-manager's <c>certmanager_controller_sync_call_count</c> and <c>certmanager_controller_sync_error_count</c>: a
/// CertMesh controller is a consumer or saga, and one sync is one message handled (each retry counts, as each
/// re-queued sync does in cert-manager). The <c>controller</c> label is the message type in kebab case
/// (<c>issue-certificate</c>, <c>private-key-ready</c>): a small fixed set, the same whichever replica handled it.
/// </summary>
public sealed class ControllerSyncObserver(CertMeshMetrics metrics) : IConsumeObserver
{
    static readonly ConcurrentDictionary<Type, string> ControllerNames = new();

    readonly Counter _calls = metrics.Factory.CreateCounter("certmanager_controller_sync_call_count",
        "The number of sync() calls made by a controller (a CertMesh consumer or saga: one per message handled).", ["controller"]);
    readonly Counter _errors = metrics.Factory.CreateCounter("certmanager_controller_sync_error_count",
        "The number of errors encountered during controller sync() (a handler that threw, before its retry).", ["controller"]);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _calls.WithLabels(ControllerOf(typeof(T))).Inc();
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        var controller = ControllerOf(typeof(T));
        _calls.WithLabels(controller).Inc();
        _errors.WithLabels(controller).Inc();
        return Task.CompletedTask;
    }

    public static string ControllerOf(Type messageType) => ControllerNames.GetOrAdd(messageType, static type => KebabCase(type.Name));

    static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                // A new word starts at an upper-case letter after a lower-case one, or before one (Http01Token → http01-token).
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
                builder.Append(c);
        }
        return builder.ToString();
    }
}
