import { ATTRIBUTES } from './attributes.ts';
import { displayValue, type Identity, type Profile } from './profile.ts';

/** Attribute id → readable value (absent when empty). */
export function getAttributeValueMap(identity: Identity, profile: Profile): Map<string, string> {
  const values = new Map<string, string>();
  for (const attribute of ATTRIBUTES) {
    const value = displayValue(attribute.id, identity, profile);
    if (value !== undefined) values.set(attribute.id, value);
  }
  return values;
}
