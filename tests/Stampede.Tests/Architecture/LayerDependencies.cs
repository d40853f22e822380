using Mono.Cecil;

namespace Stampede.Tests.Architecture;

/// <summary>
/// Which layers of an assembly use which, read from its IL: signatures, base types, attributes and every type, method
/// and field an instruction names. Nested types (closures, async state machines) count for the type that declares
/// them, so a lambda's dependencies are its author's.
/// </summary>
internal static class LayerDependencies
{
    /// <summary>Layer → the layers it uses, each with every (using type, used type) pair that makes it so.</summary>
    public static SortedDictionary<string, SortedDictionary<string, List<LayerUse>>> Read(string assemblyPath, string rootNamespace)
    {
        var matrix = new SortedDictionary<string, SortedDictionary<string, List<LayerUse>>>(StringComparer.Ordinal);
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.Types)
        {
            var from = LayerOf(type.Namespace, rootNamespace);
            if (from is null)
            {
                continue;
            }

            foreach (var used in UsedTypes(type))
            {
                var to = LayerOf(OuterMost(used).Namespace, rootNamespace);
                if (to is null || to == from)
                {
                    continue;
                }

                if (!matrix.TryGetValue(from, out var row))
                {
                    matrix[from] = row = new SortedDictionary<string, List<LayerUse>>(StringComparer.Ordinal);
                }

                if (!row.TryGetValue(to, out var uses))
                {
                    row[to] = uses = [];
                }

                uses.Add(new LayerUse(type.FullName, OuterMost(used).FullName));
            }
        }

        return matrix;
    }

    /// <summary>The layer is the first namespace segment below the root ("Stampede.Protocols.Http" → "Protocols").</summary>
    public static string? LayerOf(string ns, string rootNamespace)
    {
        if (!ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return ns == rootNamespace ? "(root)" : null;
        }

        var rest = ns[(rootNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static TypeReference OuterMost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
            }

            if (seen.Add(reference.FullName))
            {
                found.Add(reference);
            }
        }

        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
            }
        }

        void Visit(TypeDefinition current)
        {
            Add(current.BaseType);
            AddAttributes(current);
            foreach (var implemented in current.Interfaces)
            {
                Add(implemented.InterfaceType);
            }

            foreach (var field in current.Fields)
            {
                Add(field.FieldType);
                AddAttributes(field);
            }

            foreach (var property in current.Properties)
            {
                Add(property.PropertyType);
            }

            foreach (var method in current.Methods)
            {
                AddMethod(method);
                AddAttributes(method);
                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    Add(variable.VariableType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference operandType:
                            Add(operandType);
                            break;
                        case MethodReference operandMethod:
                            AddMethod(operandMethod);
                            break;
                        case FieldReference operandField:
                            Add(operandField.DeclaringType);
                            Add(operandField.FieldType);
                            break;
                    }
                }
            }

            foreach (var nested in current.NestedTypes)
            {
                Visit(nested);
            }
        }

        Visit(type);
        return found;
    }
}

/// <summary>One type of a layer using one type of another.</summary>
internal sealed record LayerUse(string User, string UsedType);
