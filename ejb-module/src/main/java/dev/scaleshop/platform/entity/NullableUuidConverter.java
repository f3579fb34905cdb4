package dev.scaleshop.platform.entity;

import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A UUID column that may be null. EclipseLink's built-in UUID conversion throws on a null attribute
 * ("Source object is not an instance of java.util.UUID"); the PostgreSQL driver binds and returns
 * {@link UUID} itself, so this converter only lets null through.
 */
@Converter
public class NullableUuidConverter implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID attribute) {
        return attribute;
    }

    @Override
    public UUID convertToEntityAttribute(Object column) {
        return column == null ? null : column instanceof UUID uuid ? uuid : UUID.fromString(column.toString());
    }
}
