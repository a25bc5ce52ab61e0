using System.Collections;
using System.Reflection;
using System.Text.Json;
using LlamaWoolFarm.Storage.Documents;
using LlamaWoolFarm.Storage.Mongo;

namespace LlamaWoolFarm.Workers.Scheduler.Tests.Storage;

/// <summary>
/// Every document type a worker module keeps in the document store survives the MongoDB adapter's BSON round trip
/// unchanged, without a server: found by reflection (fields, properties and methods typed IDocumentCollection&lt;T&gt;),
/// filled with sample values, written to BSON bytes and read back, and compared as the JSON every adapter stores.
/// </summary>
public sealed class StoredDocumentBsonTests
{
    public static TheoryData<string> StoredTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in FindStoredTypes())
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    public void The_stored_types_of_the_modules_are_found()
    {
        var names = FindStoredTypes().Select(t => t.Name).ToList();

        Assert.Contains("GameStateDocument", names);
        Assert.Contains("CommandRecord", names);
        Assert.Contains("PlayerAccount", names);
    }

    [Theory]
    [MemberData(nameof(StoredTypes))]
    public void A_stored_type_survives_a_BSON_round_trip(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        var sample = SampleValues.Create(type, depth: 0)!;
        var before = JsonSerializer.Serialize(sample, type, DocumentJson.Options);

        var roundTrip = typeof(MongoDocumentCodec).GetMethod(nameof(MongoDocumentCodec.RoundTrip))!.MakeGenericMethod(type);
        var after = JsonSerializer.Serialize(roundTrip.Invoke(null, [sample]), type, DocumentJson.Options);

        Assert.Equal(before, after);
    }

    private static IReadOnlyList<Type> FindStoredTypes()
    {
        _ = typeof(Host.WorkerModules);
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Concat(typeof(Host.WorkerModules).Assembly.GetReferencedAssemblies().Select(Assembly.Load))
            .Where(a => a.GetName().Name?.StartsWith("LlamaWoolFarm.Workers.", StringComparison.Ordinal) == true)
            .Distinct();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(all).Select(f => f.FieldType)
                .Concat(t.GetProperties(all).Select(p => p.PropertyType))
                .Concat(t.GetMethods(all).Select(m => m.ReturnType)))
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDocumentCollection<>))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter)
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Sample values for every member, so a field the BSON conversion mangles shows up in the comparison.</summary>
    private static class SampleValues
    {
        public static object? Create(Type type, int depth)
        {
            if (Nullable.GetUnderlyingType(type) is { } inner)
            {
                return Create(inner, depth);
            }

            switch (Type.GetTypeCode(type))
            {
                case TypeCode.String: return "sample \"text\" ünïcödé";
                case TypeCode.Boolean: return true;
                case TypeCode.Int32: return -123_456;
                case TypeCode.Int64: return 9_007_199_254_740_993L;
                case TypeCode.Double: return 0.1 + 0.2;
                case TypeCode.Decimal: return 12.5m;
                case TypeCode.DateTime: return new DateTime(2026, 11, 25, 1, 2, 3, 456, DateTimeKind.Utc);
                default: break;
            }

            if (type.IsEnum)
            {
                var values = Enum.GetValues(type);
                return values.GetValue(values.Length - 1);
            }

            if (type == typeof(Guid))
            {
                return new Guid("0b9ad1d8-6a4c-4d0e-9d55-1f6e0f4f3a21");
            }

            if (type == typeof(DateTimeOffset))
            {
                return new DateTimeOffset(2026, 11, 25, 1, 2, 3, 456, TimeSpan.FromHours(2));
            }

            if (type == typeof(JsonElement))
            {
                return JsonDocument.Parse("{\"free\":[1,\"two\",true]}").RootElement.Clone();
            }

            if (type == typeof(object))
            {
                return "any";
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.FromMinutes(90);
            }

            if (depth > 4)
            {
                return type.IsValueType ? Activator.CreateInstance(type) : null;
            }

            if (type.IsArray)
            {
                var array = Array.CreateInstance(type.GetElementType()!, 1);
                array.SetValue(Create(type.GetElementType()!, depth + 1), 0);
                return array;
            }

            if (type.IsGenericType && type.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var args = type.GetGenericArguments();
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                dictionary[Create(args[0], depth + 1)!] = Create(args[1], depth + 1);
                return dictionary;
            }

            if (type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type))
            {
                var element = type.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(Create(element, depth + 1));
                return type.IsAssignableFrom(list.GetType()) ? list : Activator.CreateInstance(type, list);
            }

            if (type.IsValueType)
            {
                // Structs with their own JSON form (big numbers) keep their default value.
                return Activator.CreateInstance(type);
            }

            return CreateObject(type, depth);
        }

        private static object? CreateObject(Type type, int depth)
        {
            var parameterless = type.GetConstructor(Type.EmptyTypes);
            object instance;
            if (parameterless is not null)
            {
                instance = parameterless.Invoke(null);
            }
            else
            {
                var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                if (constructor is null)
                {
                    return null;
                }

                instance = constructor.Invoke(constructor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray());
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
            {
                property.SetValue(instance, Create(property.PropertyType, depth + 1));
            }

            return instance;
        }
    }
}
