package dev.ncbridge.sink.encode;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ICMPEQ;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LOR;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import dev.ncbridge.ingest.record.Field;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.ValueWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The json encoder's generated code, made with ASM: a {@link JsonLayout}'s writer, and the
 * test of which fields a record has that picks its layout. Both are straight-line code that
 * calls each field's accessor at a call site of its own. A loop over the fields calls every
 * accessor from one site, where the JIT sees dozens of lambda classes and dispatches each call
 * through a stub; here every site sees one, and the JIT inlines the accessor (docs/performance.md,
 * "Layouts per set of fields"). The JDK 17 class-file API is internal, hence ASM.
 *
 * <p>Each class is hidden (defined through this package's lookup, so it may use the package's
 * {@link JsonBuffer}) and unloaded with what holds it. Its class data is the chunks and the
 * accessors, which the code loads as constants. Fields whose values are neither text, number,
 * flag, choice, time nor address (bytes, pairs, details, rows: rare and large) are asked through
 * their {@link Field#isPresent} and written through their {@link Field#write}.
 */
final class GeneratedJson {
    private static final String BUFFER = Type.getInternalName(JsonBuffer.class);
    private static final String FIELD = Type.getInternalName(Field.class);
    private static final String FUNCTION = Type.getInternalName(Function.class);
    private static final String TO_LONG = Type.getInternalName(ToLongFunction.class);
    private static final String APPLY = "(Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String APPLY_AS_LONG = "(Ljava/lang/Object;)J";
    /** {@link MethodHandles#classDataAt}, which resolves a constant of the class's data list. */
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, Type.getInternalName(MethodHandles.class),
            "classDataAt", MethodType.methodType(Object.class, MethodHandles.Lookup.class, String.class, Class.class,
                    int.class).toMethodDescriptorString(), false);
    private static final int THIS = 0;
    private static final int RECORD = 1;
    // The writer's locals
    private static final int OUT = 2;
    private static final int VALUE = 3;
    private static final int LENGTH = 4;
    private static final int NUMBER = 5;
    // The shape's locals
    private static final int SHAPE = 2;

    private GeneratedJson() {
    }

    /** What a record type's generated shape test implements. */
    interface Shape {
        /** A bit per field of the type's that may be absent, set when {@code r} has it: bit {@code i} for {@code fields[i]}. */
        long of(Record r);
    }

    /**
     * A writer of {@code fields}' values, {@code chunks[i]} before the value of {@code fields[i]}
     * and the last chunk after them all.
     *
     * @throws IllegalStateException if the JVM refuses the class, which is a bug here
     */
    static JsonLayout.Writer writer(byte[][] chunks, Field[] fields) {
        List<Object> data = new ArrayList<>();
        String descriptor =
                Type.getMethodDescriptor(Type.BOOLEAN_TYPE, Type.getType(Record.class), Type.getType(JsonBuffer.class));
        return (JsonLayout.Writer) define(JsonLayout.Writer.class, "write", descriptor, data, m -> {
            Label absent = new Label();
            for (int i = 0; i < fields.length; i++) {
                raw(m, data, chunks[i]);
                value(m, data, fields[i], absent);
            }
            raw(m, data, chunks[fields.length]);
            m.visitInsn(ICONST_1);
            m.visitInsn(IRETURN);
            m.visitLabel(absent);
            m.visitInsn(ICONST_0);
            m.visitInsn(IRETURN);
        });
    }

    /** The shape test of {@code fields}, at most 64. */
    static Shape shape(Field[] fields) {
        if (fields.length > Long.SIZE) {
            throw new IllegalArgumentException("a shape has 64 bits, not " + fields.length);
        }
        List<Object> data = new ArrayList<>();
        String descriptor = Type.getMethodDescriptor(Type.LONG_TYPE, Type.getType(Record.class));
        return (Shape) define(Shape.class, "of", descriptor, data, m -> {
            m.visitInsn(LCONST_0);
            m.visitVarInsn(LSTORE, SHAPE);
            for (int i = 0; i < fields.length; i++) {
                Label absent = new Label();
                presence(m, data, fields[i], absent);
                m.visitVarInsn(LLOAD, SHAPE);
                m.visitLdcInsn(1L << i);
                m.visitInsn(LOR);
                m.visitVarInsn(LSTORE, SHAPE);
                m.visitLabel(absent);
            }
            m.visitVarInsn(LLOAD, SHAPE);
            m.visitInsn(LRETURN);
        });
    }

    /**
     * A new hidden class implementing {@code type}'s one method, whose code {@code body} writes,
     * with {@code data} as its class data; an instance of it.
     */
    private static Object define(Class<?> type, String method, String descriptor, List<Object> data,
                                 Consumer<MethodVisitor> body) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            // Frames merge only locals the code stores as Object or its subtypes; no class is loaded to merge them.
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        String name = Type.getInternalName(GeneratedJson.class) + "$" + type.getSimpleName();
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
                new String[] {Type.getInternalName(type)});
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, THIS);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, method, descriptor, null, null);
        m.visitCode();
        body.accept(m);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        try {
            MethodHandles.Lookup hidden =
                    MethodHandles.lookup().defineHiddenClassWithClassData(cw.toByteArray(), List.copyOf(data), true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the json encoder's " + type.getSimpleName(), e);
        }
    }

    /** A jump to {@code absent} unless the record has the field. */
    private static void presence(MethodVisitor m, List<Object> data, Field field, Label absent) {
        if (field instanceof Field.Text f) {
            nonNull(m, data, f.accessor(), absent);
        } else if (field instanceof Field.Choice<?> f) {
            nonNull(m, data, f.accessor(), absent);
        } else if (field instanceof Field.Flag f) {
            nonNull(m, data, f.accessor(), absent);
        } else if (field instanceof Field.Address f) {
            nonNull(m, data, f.accessor(), absent);
        } else if (field instanceof Field.Number f) {
            notAbsent(m, data, f.accessor(), absent);
        } else if (field instanceof Field.Time f) {
            notAbsent(m, data, f.accessor(), absent);
        } else {
            load(m, data, field, FIELD);
            m.visitVarInsn(ALOAD, RECORD);
            m.visitMethodInsn(INVOKEVIRTUAL, FIELD, "isPresent",
                    Type.getMethodDescriptor(Type.BOOLEAN_TYPE, Type.getType(Record.class)), false);
            m.visitJumpInsn(IFEQ, absent);
        }
    }

    /** {@code accessor.apply(record)}, to {@code absent} if null. */
    private static void nonNull(MethodVisitor m, List<Object> data, Function<?, ?> accessor, Label absent) {
        apply(m, data, accessor);
        m.visitJumpInsn(IFNULL, absent);
    }

    /** {@code accessor.applyAsLong(record)}, to {@code absent} if it is {@link Field.Number#ABSENT}. */
    private static void notAbsent(MethodVisitor m, List<Object> data, ToLongFunction<?> accessor, Label absent) {
        applyAsLong(m, data, accessor);
        m.visitLdcInsn(Field.Number.ABSENT);
        m.visitInsn(LCMP);
        m.visitJumpInsn(IFEQ, absent);
    }

    /** Pushes {@code accessor.apply(record)}: the call site of this accessor alone. */
    private static void apply(MethodVisitor m, List<Object> data, Function<?, ?> accessor) {
        load(m, data, accessor, FUNCTION);
        m.visitVarInsn(ALOAD, RECORD);
        m.visitMethodInsn(INVOKEINTERFACE, FUNCTION, "apply", APPLY, true);
    }

    /** Pushes {@code accessor.applyAsLong(record)}: the call site of this accessor alone. */
    private static void applyAsLong(MethodVisitor m, List<Object> data, ToLongFunction<?> accessor) {
        load(m, data, accessor, TO_LONG);
        m.visitVarInsn(ALOAD, RECORD);
        m.visitMethodInsn(INVOKEINTERFACE, TO_LONG, "applyAsLong", APPLY_AS_LONG, true);
    }

    /**
     * {@code out.words(chunk.length, w0, ...)} with the chunk's bytes as up to four constant
     * words, or {@code out.raw(chunk)} for a longer chunk. A chunk is mostly a key or two with
     * their punctuation, 8 to 32 bytes: a store per word costs half of a call to copy them.
     */
    private static void raw(MethodVisitor m, List<Object> data, byte[] chunk) {
        if (chunk.length == 0) {
            return;
        }
        m.visitVarInsn(ALOAD, OUT);
        if (chunk.length > JsonBuffer.MAX_WORDS * Long.BYTES) {
            load(m, data, chunk, "[B");
            m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "raw", "([B)V", false);
            return;
        }
        long[] words = AsciiWords.of(chunk);
        m.visitLdcInsn(chunk.length);
        for (long word : words) {
            m.visitLdcInsn(word);
        }
        m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "words", "(I" + "J".repeat(words.length) + ")V", false);
    }

    /** The field's value written to {@code out}, or a jump to {@code absent} when the record lacks it. */
    private static void value(MethodVisitor m, List<Object> data, Field field, Label absent) {
        if (field instanceof Field.Text f) {
            applyInto(m, data, f.accessor(), "java/lang/String", absent);
            write(m, f.hasFewValues() ? "keyword" : "string", "(Ljava/lang/String;)V");
        } else if (field instanceof Field.Choice<?> f) {
            applyInto(m, data, f.accessor(), "java/lang/Object", absent);
            m.visitVarInsn(ALOAD, OUT);
            load(m, data, f.texts(), FUNCTION);
            m.visitVarInsn(ALOAD, VALUE);
            m.visitMethodInsn(INVOKEINTERFACE, FUNCTION, "apply", APPLY, true);
            m.visitTypeInsn(CHECKCAST, "java/lang/String");
            m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "keyword", "(Ljava/lang/String;)V", false);
        } else if (field instanceof Field.Number f) {
            number(m, data, f.accessor(), absent, "number");
        } else if (field instanceof Field.Time f) {
            number(m, data, f.accessor(), absent, "time");
        } else if (field instanceof Field.Flag f) {
            applyInto(m, data, f.accessor(), "java/lang/Boolean", absent);
            m.visitVarInsn(ALOAD, OUT);
            m.visitVarInsn(ALOAD, VALUE);
            m.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Boolean", "booleanValue", "()Z", false);
            m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "bool", "(Z)V", false);
        } else if (field instanceof Field.Address f) {
            applyInto(m, data, f.accessor(), Type.getInternalName(InetSocketAddress.class), absent);
            write(m, "address", "(Ljava/net/InetSocketAddress;)V");
        } else {
            throughField(m, data, field, absent);
        }
    }

    /** {@code value = (type) accessor.apply(record)}, to {@code absent} if null. */
    private static void applyInto(MethodVisitor m, List<Object> data, Function<?, ?> accessor, String type,
                                  Label absent) {
        apply(m, data, accessor);
        m.visitTypeInsn(CHECKCAST, type);
        m.visitVarInsn(ASTORE, VALUE);
        m.visitVarInsn(ALOAD, VALUE);
        m.visitJumpInsn(IFNULL, absent);
    }

    /** {@code out.method(value)}. */
    private static void write(MethodVisitor m, String method, String descriptor) {
        m.visitVarInsn(ALOAD, OUT);
        m.visitVarInsn(ALOAD, VALUE);
        m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, method, descriptor, false);
    }

    /** A long from the accessor, to {@code absent} if it is {@link Field.Number#ABSENT}, else {@code out.method(it)}. */
    private static void number(MethodVisitor m, List<Object> data, ToLongFunction<?> accessor, Label absent,
                               String method) {
        applyAsLong(m, data, accessor);
        m.visitVarInsn(LSTORE, NUMBER);
        m.visitVarInsn(LLOAD, NUMBER);
        m.visitLdcInsn(Field.Number.ABSENT);
        m.visitInsn(LCMP);
        m.visitJumpInsn(IFEQ, absent);
        m.visitVarInsn(ALOAD, OUT);
        m.visitVarInsn(LLOAD, NUMBER);
        m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, method, "(J)V", false);
    }

    /** {@code field.write(record, out)}, to {@code absent} if it wrote nothing. */
    private static void throughField(MethodVisitor m, List<Object> data, Field field, Label absent) {
        m.visitVarInsn(ALOAD, OUT);
        m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "length", "()I", false);
        m.visitVarInsn(ISTORE, LENGTH);
        load(m, data, field, FIELD);
        m.visitVarInsn(ALOAD, RECORD);
        m.visitVarInsn(ALOAD, OUT);
        m.visitMethodInsn(INVOKEVIRTUAL, FIELD, "write",
                Type.getMethodDescriptor(Type.VOID_TYPE, Type.getType(Record.class), Type.getType(ValueWriter.class)),
                false);
        m.visitVarInsn(ALOAD, OUT);
        m.visitMethodInsn(INVOKEVIRTUAL, BUFFER, "length", "()I", false);
        m.visitVarInsn(ILOAD, LENGTH);
        m.visitJumpInsn(IF_ICMPEQ, absent);
    }

    /**
     * Pushes {@code value}, as a constant of type {@code type}: entry {@code n} of the class data,
     * where {@code n} is where {@code value} is added to {@code data}. Being a constant, the JIT
     * folds what it can of it (a chunk's length, an accessor's class), where a value read from an
     * array in a field would be one more load and a guess from the profile.
     */
    private static void load(MethodVisitor m, List<Object> data, Object value, String type) {
        m.visitLdcInsn(new ConstantDynamic("_", Type.getObjectType(type).getDescriptor(), CLASS_DATA_AT,
                data.size()));
        data.add(value);
    }
}
