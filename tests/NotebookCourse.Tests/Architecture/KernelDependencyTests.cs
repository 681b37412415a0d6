using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NotebookCourse.Tests.Architecture;

/// <summary>
/// A notebook that loads ML.NET 5.0.1 (notebooks 01, 05 and 10) gets System.Numerics.Tensors 9.0.4 in the
/// .NET Interactive kernel, and the library then runs against that version, not the 10.x it is built with.
/// A TensorPrimitives method new in 10 compiles and passes every unit test, and then fails those notebooks
/// with MissingMethodException (TensorPrimitives.Clamp once did). This test reads which TensorPrimitives
/// methods the library calls and finds each in 9.0.4 by name, generic arity and number of parameters.
/// </summary>
public class KernelDependencyTests
{
    [Fact]
    public void The_library_calls_only_TensorPrimitives_methods_that_the_kernels_version_9_0_4_has()
    {
        var used = TensorPrimitivesMethods(typeof(Tensor).Assembly.Location, referenced: true);
        var kernelPath = typeof(KernelDependencyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "KernelTensorsAssembly").Value!;
        Assert.True(File.Exists(kernelPath), $"{kernelPath} is missing; the test project downloads it with PackageDownload on restore.");
        var available = TensorPrimitivesMethods(kernelPath, referenced: false);

        Assert.NotEmpty(used); // the library does call TensorPrimitives: an empty list means this test reads the wrong thing
        Assert.Contains(("Max", 0, 3), available);
        Assert.Empty(used.Where(m => !available.Contains(m)).Select(m => $"{m.Name} (generic arity {m.Arity}, {m.Parameters} parameters)"));
    }

    /// <summary>
    /// (name, generic arity, parameter count) of the TensorPrimitives methods an assembly calls
    /// (<paramref name="referenced"/>: its member references) or declares.
    /// </summary>
    private static HashSet<(string Name, int Arity, int Parameters)> TensorPrimitivesMethods(string path, bool referenced)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var found = new HashSet<(string, int, int)>();
        if (referenced)
        {
            foreach (var handle in reader.MemberReferences)
            {
                var member = reader.GetMemberReference(handle);
                if (member.Parent.Kind != HandleKind.TypeReference) continue;
                var type = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                if (!IsTensorPrimitives(reader, type.Namespace, type.Name)) continue;
                found.Add(Shape(reader, member.Name, member.Signature));
            }
        }
        else
        {
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                if (!IsTensorPrimitives(reader, type.Namespace, type.Name)) continue;
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    if ((method.Attributes & MethodAttributes.Public) == MethodAttributes.Public) found.Add(Shape(reader, method.Name, method.Signature));
                }
            }
        }
        return found;
    }

    private static bool IsTensorPrimitives(MetadataReader reader, StringHandle ns, StringHandle name) =>
        reader.GetString(ns) == "System.Numerics.Tensors" && reader.GetString(name) == "TensorPrimitives";

    /// <summary>A method's name, generic arity and parameter count, read from the head of its signature blob.</summary>
    private static (string, int, int) Shape(MetadataReader reader, StringHandle name, BlobHandle signature)
    {
        var blob = reader.GetBlobReader(signature);
        var header = blob.ReadSignatureHeader();
        var arity = header.IsGeneric ? blob.ReadCompressedInteger() : 0;
        return (reader.GetString(name), arity, blob.ReadCompressedInteger());
    }
}
