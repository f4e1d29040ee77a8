using System.Reflection;
using CertMesh.Persistence.Database;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CertMesh.Hosting.Bus;

public static class TransactionalConsumerRegistration
{
    /// <summary>
    /// Adds a consumer that changes state: each message it gets runs in its own unit of work with inbox
    /// de-duplication (<see cref="UnitOfWorkFilter{TConsumer}"/>) under the consumer's <see cref="InboxAttribute"/> name.
    /// <paramref name="definition"/> is its endpoint definition, if it has one.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddTransactionalConsumer<TConsumer>(this IRegistrationConfigurator bus, Type? definition = null)
        where TConsumer : class, IConsumer
    {
        var inbox = typeof(TConsumer).GetCustomAttribute<InboxAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TConsumer).Name} needs an [Inbox(\"service:message\")] name to be registered as a transactional consumer");
        return bus.AddConsumer<TConsumer>(definition, (context, consumer) =>
            consumer.UseFilter(new UnitOfWorkFilter<TConsumer>(context.GetRequiredService<CertMeshDatabase>(), inbox)));
    }
}
