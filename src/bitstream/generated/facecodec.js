/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $isFinite = $util.global.isFinite, $String = $util.global.String, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const facecodec = $root.facecodec = (() => {

    /**
     * Namespace facecodec.
     * @exports facecodec
     * @namespace
     */
    const facecodec = {};

    facecodec.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof facecodec
         * @namespace
         */
        const v1 = {};

        v1.QuantizerSpec = (function() {

            /**
             * Properties of a QuantizerSpec.
             * @typedef {Object} facecodec.v1.QuantizerSpec.$Properties
             * @property {number|null} [min] QuantizerSpec min
             * @property {number|null} [max] QuantizerSpec max
             * @property {number|null} [bits] QuantizerSpec bits
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a QuantizerSpec.
             * @memberof facecodec.v1
             * @interface IQuantizerSpec
             * @augments facecodec.v1.QuantizerSpec.$Properties
             * @deprecated Use facecodec.v1.QuantizerSpec.$Properties instead.
             */

            /**
             * Shape of a QuantizerSpec.
             * @typedef {facecodec.v1.QuantizerSpec.$Properties} facecodec.v1.QuantizerSpec.$Shape
             */

            /**
             * Constructs a new QuantizerSpec.
             * @memberof facecodec.v1
             * @classdesc Represents a QuantizerSpec.
             * @constructor
             * @param {facecodec.v1.QuantizerSpec.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const QuantizerSpec = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * QuantizerSpec min.
             * @member {number} min
             * @memberof facecodec.v1.QuantizerSpec
             * @instance
             */
            QuantizerSpec.prototype.min = 0;

            /**
             * QuantizerSpec max.
             * @member {number} max
             * @memberof facecodec.v1.QuantizerSpec
             * @instance
             */
            QuantizerSpec.prototype.max = 0;

            /**
             * QuantizerSpec bits.
             * @member {number} bits
             * @memberof facecodec.v1.QuantizerSpec
             * @instance
             */
            QuantizerSpec.prototype.bits = 0;

            /**
             * Creates a new QuantizerSpec instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {facecodec.v1.QuantizerSpec.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.QuantizerSpec} QuantizerSpec instance
             * @type {{
             *   (properties: facecodec.v1.QuantizerSpec.$Shape): facecodec.v1.QuantizerSpec & facecodec.v1.QuantizerSpec.$Shape;
             *   (properties?: facecodec.v1.QuantizerSpec.$Properties): facecodec.v1.QuantizerSpec;
             * }}
             */
            QuantizerSpec.create = function(properties) {
                return new QuantizerSpec(properties);
            };

            /**
             * Encodes the specified QuantizerSpec message. Does not implicitly {@link facecodec.v1.QuantizerSpec.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {facecodec.v1.QuantizerSpec.$Properties} m QuantizerSpec message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            QuantizerSpec.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.min != null && $Object.hasOwnProperty.call(m, "min") && !$Object.is(m.min, 0))
                    w.uint32(/* id 1, wireType 5 =*/13).float(m.min);
                if (m.max != null && $Object.hasOwnProperty.call(m, "max") && !$Object.is(m.max, 0))
                    w.uint32(/* id 2, wireType 5 =*/21).float(m.max);
                if (m.bits != null && $Object.hasOwnProperty.call(m, "bits") && m.bits !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.bits);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a QuantizerSpec message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.QuantizerSpec & facecodec.v1.QuantizerSpec.$Shape} QuantizerSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            QuantizerSpec.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.QuantizerSpec();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.min = v;
                            else
                                delete m.min;
                            continue;
                        }
                    case 2: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.max = v;
                            else
                                delete m.max;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.bits = v;
                            else
                                delete m.bits;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a QuantizerSpec message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.QuantizerSpec} QuantizerSpec
             */
            QuantizerSpec.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.QuantizerSpec)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.QuantizerSpec: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.QuantizerSpec();
                if (d.min != null) {
                    if (!$Object.is($Number(d.min), 0)) {
                        m.min = $Number(d.min);
                    }
                }
                if (d.max != null) {
                    if (!$Object.is($Number(d.max), 0)) {
                        m.max = $Number(d.max);
                    }
                }
                if (d.bits != null) {
                    if ($Number(d.bits) !== 0) {
                        m.bits = d.bits >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a QuantizerSpec message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {facecodec.v1.QuantizerSpec} m QuantizerSpec
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            QuantizerSpec.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.min = 0;
                    d.max = 0;
                    d.bits = 0;
                }
                if (m.min != null && $Object.hasOwnProperty.call(m, "min")) {
                    d.min = o.json && !$isFinite(m.min) ? $String(m.min) : m.min;
                }
                if (m.max != null && $Object.hasOwnProperty.call(m, "max")) {
                    d.max = o.json && !$isFinite(m.max) ? $String(m.max) : m.max;
                }
                if (m.bits != null && $Object.hasOwnProperty.call(m, "bits")) {
                    d.bits = m.bits;
                }
                return d;
            };

            /**
             * Converts this QuantizerSpec to JSON.
             * @function toJSON
             * @memberof facecodec.v1.QuantizerSpec
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            QuantizerSpec.prototype.toJSON = function() {
                return QuantizerSpec.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for QuantizerSpec
             * @function getTypeUrl
             * @memberof facecodec.v1.QuantizerSpec
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            QuantizerSpec.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.QuantizerSpec";
            };

            return QuantizerSpec;
        })();

        /**
         * EntropyCoding enum.
         * @name facecodec.v1.EntropyCoding
         * @enum {number}
         * @property {number} ENTROPY_CODING_RANGE=0 ENTROPY_CODING_RANGE value
         * @property {number} ENTROPY_CODING_FIXED=1 ENTROPY_CODING_FIXED value
         */
        v1.EntropyCoding = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ENTROPY_CODING_RANGE"] = 0;
            values[valuesById[1] = "ENTROPY_CODING_FIXED"] = 1;
            return values;
        })();

        v1.Profile = (function() {

            /**
             * Properties of a Profile.
             * @typedef {Object} facecodec.v1.Profile.$Properties
             * @property {Array.<number>|null} [landmarkIds] Profile landmarkIds
             * @property {number|null} [expressionDims] Profile expressionDims
             * @property {boolean|null} [sendJaw] Profile sendJaw
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [keypointMm] Profile keypointMm
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [expression] Profile expression
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [jawRad] Profile jawRad
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [rotationRad] Profile rotationRad
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [translationPx] Profile translationPx
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [scalePxPerMm] Profile scalePxPerMm
             * @property {facecodec.v1.EntropyCoding|null} [coding] Profile coding
             * @property {number|null} [intraInterval] Profile intraInterval
             * @property {number|null} [learnedKeypoints] Profile learnedKeypoints
             * @property {boolean|null} [sendEyes] Profile sendEyes
             * @property {facecodec.v1.QuantizerSpec.$Properties|null} [eyeState] Profile eyeState
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Profile.
             * @memberof facecodec.v1
             * @interface IProfile
             * @augments facecodec.v1.Profile.$Properties
             * @deprecated Use facecodec.v1.Profile.$Properties instead.
             */

            /**
             * Shape of a Profile.
             * @typedef {facecodec.v1.Profile.$Properties} facecodec.v1.Profile.$Shape
             */

            /**
             * Constructs a new Profile.
             * @memberof facecodec.v1
             * @classdesc Represents a Profile.
             * @constructor
             * @param {facecodec.v1.Profile.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Profile = function (p) {
                this.landmarkIds = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Profile landmarkIds.
             * @member {Array.<number>} landmarkIds
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.landmarkIds = $util.emptyArray;

            /**
             * Profile expressionDims.
             * @member {number} expressionDims
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.expressionDims = 0;

            /**
             * Profile sendJaw.
             * @member {boolean} sendJaw
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.sendJaw = false;

            /**
             * Profile keypointMm.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} keypointMm
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.keypointMm = null;

            /**
             * Profile expression.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} expression
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.expression = null;

            /**
             * Profile jawRad.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} jawRad
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.jawRad = null;

            /**
             * Profile rotationRad.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} rotationRad
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.rotationRad = null;

            /**
             * Profile translationPx.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} translationPx
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.translationPx = null;

            /**
             * Profile scalePxPerMm.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} scalePxPerMm
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.scalePxPerMm = null;

            /**
             * Profile coding.
             * @member {facecodec.v1.EntropyCoding} coding
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.coding = 0;

            /**
             * Profile intraInterval.
             * @member {number} intraInterval
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.intraInterval = 0;

            /**
             * Profile learnedKeypoints.
             * @member {number} learnedKeypoints
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.learnedKeypoints = 0;

            /**
             * Profile sendEyes.
             * @member {boolean} sendEyes
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.sendEyes = false;

            /**
             * Profile eyeState.
             * @member {facecodec.v1.QuantizerSpec.$Properties|null|undefined} eyeState
             * @memberof facecodec.v1.Profile
             * @instance
             */
            Profile.prototype.eyeState = null;

            /**
             * Creates a new Profile instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.Profile
             * @static
             * @param {facecodec.v1.Profile.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.Profile} Profile instance
             * @type {{
             *   (properties: facecodec.v1.Profile.$Shape): facecodec.v1.Profile & facecodec.v1.Profile.$Shape;
             *   (properties?: facecodec.v1.Profile.$Properties): facecodec.v1.Profile;
             * }}
             */
            Profile.create = function(properties) {
                return new Profile(properties);
            };

            /**
             * Encodes the specified Profile message. Does not implicitly {@link facecodec.v1.Profile.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.Profile
             * @static
             * @param {facecodec.v1.Profile.$Properties} m Profile message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Profile.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.landmarkIds != null && m.landmarkIds.length) {
                    w.uint32(/* id 1, wireType 2 =*/10).uint32s(m.landmarkIds);
                }
                if (m.expressionDims != null && $Object.hasOwnProperty.call(m, "expressionDims") && m.expressionDims !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.expressionDims);
                if (m.sendJaw != null && $Object.hasOwnProperty.call(m, "sendJaw") && m.sendJaw !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.sendJaw);
                if (m.keypointMm != null && $Object.hasOwnProperty.call(m, "keypointMm"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.keypointMm, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.expression != null && $Object.hasOwnProperty.call(m, "expression"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.expression, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.jawRad != null && $Object.hasOwnProperty.call(m, "jawRad"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.jawRad, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.rotationRad != null && $Object.hasOwnProperty.call(m, "rotationRad"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.rotationRad, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.translationPx != null && $Object.hasOwnProperty.call(m, "translationPx"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.translationPx, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.scalePxPerMm != null && $Object.hasOwnProperty.call(m, "scalePxPerMm"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.scalePxPerMm, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
                if (m.coding != null && $Object.hasOwnProperty.call(m, "coding") && m.coding !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.coding);
                if (m.intraInterval != null && $Object.hasOwnProperty.call(m, "intraInterval") && m.intraInterval !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.intraInterval);
                if (m.learnedKeypoints != null && $Object.hasOwnProperty.call(m, "learnedKeypoints") && m.learnedKeypoints !== 0)
                    w.uint32(/* id 12, wireType 0 =*/96).uint32(m.learnedKeypoints);
                if (m.sendEyes != null && $Object.hasOwnProperty.call(m, "sendEyes") && m.sendEyes !== false)
                    w.uint32(/* id 13, wireType 0 =*/104).bool(m.sendEyes);
                if (m.eyeState != null && $Object.hasOwnProperty.call(m, "eyeState"))
                    $root.facecodec.v1.QuantizerSpec.encode(m.eyeState, w.uint32(/* id 14, wireType 2 =*/114).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Profile message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.Profile
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.Profile & facecodec.v1.Profile.$Shape} Profile
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Profile.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.Profile();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u === 2) {
                                if (!(m.landmarkIds && m.landmarkIds.length))
                                    m.landmarkIds = [];
                                r.uint32s(m.landmarkIds);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.landmarkIds && m.landmarkIds.length))
                                m.landmarkIds = [];
                            m.landmarkIds.push(r.uint32());
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.expressionDims = v;
                            else
                                delete m.expressionDims;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.sendJaw = v;
                            else
                                delete m.sendJaw;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.keypointMm = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.keypointMm);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.expression = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.expression);
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.jawRad = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.jawRad);
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.rotationRad = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.rotationRad);
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.translationPx = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.translationPx);
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            m.scalePxPerMm = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.scalePxPerMm);
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.coding = v;
                            else
                                delete m.coding;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.intraInterval = v;
                            else
                                delete m.intraInterval;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.learnedKeypoints = v;
                            else
                                delete m.learnedKeypoints;
                            continue;
                        }
                    case 13: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.sendEyes = v;
                            else
                                delete m.sendEyes;
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.eyeState = $root.facecodec.v1.QuantizerSpec.decode(r, r.size(), $undefined, q + 1, m.eyeState);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Profile message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.Profile
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.Profile} Profile
             */
            Profile.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.Profile)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.Profile: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.Profile();
                if (d.landmarkIds) {
                    if (!$Array.isArray(d.landmarkIds))
                        throw $TypeError(".facecodec.v1.Profile.landmarkIds: array expected");
                    m.landmarkIds = $Array(d.landmarkIds.length);
                    for (var i = 0; i < d.landmarkIds.length; ++i) {
                        m.landmarkIds[i] = d.landmarkIds[i] >>> 0;
                    }
                }
                if (d.expressionDims != null) {
                    if ($Number(d.expressionDims) !== 0) {
                        m.expressionDims = d.expressionDims >>> 0;
                    }
                }
                if (d.sendJaw != null) {
                    if (d.sendJaw) {
                        m.sendJaw = $Boolean(d.sendJaw);
                    }
                }
                if (d.keypointMm != null) {
                    if (!$util.isObject(d.keypointMm))
                        throw $TypeError(".facecodec.v1.Profile.keypointMm: object expected");
                    m.keypointMm = $root.facecodec.v1.QuantizerSpec.fromObject(d.keypointMm, q + 1);
                }
                if (d.expression != null) {
                    if (!$util.isObject(d.expression))
                        throw $TypeError(".facecodec.v1.Profile.expression: object expected");
                    m.expression = $root.facecodec.v1.QuantizerSpec.fromObject(d.expression, q + 1);
                }
                if (d.jawRad != null) {
                    if (!$util.isObject(d.jawRad))
                        throw $TypeError(".facecodec.v1.Profile.jawRad: object expected");
                    m.jawRad = $root.facecodec.v1.QuantizerSpec.fromObject(d.jawRad, q + 1);
                }
                if (d.rotationRad != null) {
                    if (!$util.isObject(d.rotationRad))
                        throw $TypeError(".facecodec.v1.Profile.rotationRad: object expected");
                    m.rotationRad = $root.facecodec.v1.QuantizerSpec.fromObject(d.rotationRad, q + 1);
                }
                if (d.translationPx != null) {
                    if (!$util.isObject(d.translationPx))
                        throw $TypeError(".facecodec.v1.Profile.translationPx: object expected");
                    m.translationPx = $root.facecodec.v1.QuantizerSpec.fromObject(d.translationPx, q + 1);
                }
                if (d.scalePxPerMm != null) {
                    if (!$util.isObject(d.scalePxPerMm))
                        throw $TypeError(".facecodec.v1.Profile.scalePxPerMm: object expected");
                    m.scalePxPerMm = $root.facecodec.v1.QuantizerSpec.fromObject(d.scalePxPerMm, q + 1);
                }
                if (d.coding !== 0 && (typeof d.coding !== "string" || $root.facecodec.v1.EntropyCoding[d.coding] !== 0)) {
                    switch (d.coding) {
                    case "ENTROPY_CODING_RANGE":
                    case 0:
                        m.coding = 0;
                        break;
                    case "ENTROPY_CODING_FIXED":
                    case 1:
                        m.coding = 1;
                        break;
                    default:
                        if (typeof d.coding === "number" && (d.coding | 0) === d.coding)
                            m.coding = d.coding;
                    }
                }
                if (d.intraInterval != null) {
                    if ($Number(d.intraInterval) !== 0) {
                        m.intraInterval = d.intraInterval >>> 0;
                    }
                }
                if (d.learnedKeypoints != null) {
                    if ($Number(d.learnedKeypoints) !== 0) {
                        m.learnedKeypoints = d.learnedKeypoints >>> 0;
                    }
                }
                if (d.sendEyes != null) {
                    if (d.sendEyes) {
                        m.sendEyes = $Boolean(d.sendEyes);
                    }
                }
                if (d.eyeState != null) {
                    if (!$util.isObject(d.eyeState))
                        throw $TypeError(".facecodec.v1.Profile.eyeState: object expected");
                    m.eyeState = $root.facecodec.v1.QuantizerSpec.fromObject(d.eyeState, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Profile message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.Profile
             * @static
             * @param {facecodec.v1.Profile} m Profile
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Profile.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.landmarkIds = [];
                }
                if (o.defaults) {
                    d.expressionDims = 0;
                    d.sendJaw = false;
                    d.keypointMm = null;
                    d.expression = null;
                    d.jawRad = null;
                    d.rotationRad = null;
                    d.translationPx = null;
                    d.scalePxPerMm = null;
                    d.coding = o.enums === $String ? "ENTROPY_CODING_RANGE" : 0;
                    d.intraInterval = 0;
                    d.learnedKeypoints = 0;
                    d.sendEyes = false;
                    d.eyeState = null;
                }
                if (m.landmarkIds && m.landmarkIds.length) {
                    d.landmarkIds = $Array(m.landmarkIds.length);
                    for (var j = 0; j < m.landmarkIds.length; ++j) {
                        d.landmarkIds[j] = m.landmarkIds[j];
                    }
                }
                if (m.expressionDims != null && $Object.hasOwnProperty.call(m, "expressionDims")) {
                    d.expressionDims = m.expressionDims;
                }
                if (m.sendJaw != null && $Object.hasOwnProperty.call(m, "sendJaw")) {
                    d.sendJaw = m.sendJaw;
                }
                if (m.keypointMm != null && $Object.hasOwnProperty.call(m, "keypointMm")) {
                    d.keypointMm = $root.facecodec.v1.QuantizerSpec.toObject(m.keypointMm, o, q + 1);
                }
                if (m.expression != null && $Object.hasOwnProperty.call(m, "expression")) {
                    d.expression = $root.facecodec.v1.QuantizerSpec.toObject(m.expression, o, q + 1);
                }
                if (m.jawRad != null && $Object.hasOwnProperty.call(m, "jawRad")) {
                    d.jawRad = $root.facecodec.v1.QuantizerSpec.toObject(m.jawRad, o, q + 1);
                }
                if (m.rotationRad != null && $Object.hasOwnProperty.call(m, "rotationRad")) {
                    d.rotationRad = $root.facecodec.v1.QuantizerSpec.toObject(m.rotationRad, o, q + 1);
                }
                if (m.translationPx != null && $Object.hasOwnProperty.call(m, "translationPx")) {
                    d.translationPx = $root.facecodec.v1.QuantizerSpec.toObject(m.translationPx, o, q + 1);
                }
                if (m.scalePxPerMm != null && $Object.hasOwnProperty.call(m, "scalePxPerMm")) {
                    d.scalePxPerMm = $root.facecodec.v1.QuantizerSpec.toObject(m.scalePxPerMm, o, q + 1);
                }
                if (m.coding != null && $Object.hasOwnProperty.call(m, "coding")) {
                    d.coding = o.enums === $String ? $root.facecodec.v1.EntropyCoding[m.coding] === $undefined ? m.coding : $root.facecodec.v1.EntropyCoding[m.coding] : m.coding;
                }
                if (m.intraInterval != null && $Object.hasOwnProperty.call(m, "intraInterval")) {
                    d.intraInterval = m.intraInterval;
                }
                if (m.learnedKeypoints != null && $Object.hasOwnProperty.call(m, "learnedKeypoints")) {
                    d.learnedKeypoints = m.learnedKeypoints;
                }
                if (m.sendEyes != null && $Object.hasOwnProperty.call(m, "sendEyes")) {
                    d.sendEyes = m.sendEyes;
                }
                if (m.eyeState != null && $Object.hasOwnProperty.call(m, "eyeState")) {
                    d.eyeState = $root.facecodec.v1.QuantizerSpec.toObject(m.eyeState, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Profile to JSON.
             * @function toJSON
             * @memberof facecodec.v1.Profile
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Profile.prototype.toJSON = function() {
                return Profile.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Profile
             * @function getTypeUrl
             * @memberof facecodec.v1.Profile
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Profile.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.Profile";
            };

            return Profile;
        })();

        v1.StreamHeader = (function() {

            /**
             * Properties of a StreamHeader.
             * @typedef {Object} facecodec.v1.StreamHeader.$Properties
             * @property {number|null} [formatVersion] StreamHeader formatVersion
             * @property {facecodec.v1.Profile.$Properties|null} [profile] StreamHeader profile
             * @property {string|null} [faceModelId] StreamHeader faceModelId
             * @property {Uint8Array|null} [faceModelHash] StreamHeader faceModelHash
             * @property {number|null} [modelExpressionDims] StreamHeader modelExpressionDims
             * @property {number|null} [frameRateHz] StreamHeader frameRateHz
             * @property {number|null} [cropWidth] StreamHeader cropWidth
             * @property {number|null} [cropHeight] StreamHeader cropHeight
             * @property {number|null} [profileId] StreamHeader profileId
             * @property {number|null} [displayRateHz] StreamHeader displayRateHz
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StreamHeader.
             * @memberof facecodec.v1
             * @interface IStreamHeader
             * @augments facecodec.v1.StreamHeader.$Properties
             * @deprecated Use facecodec.v1.StreamHeader.$Properties instead.
             */

            /**
             * Shape of a StreamHeader.
             * @typedef {facecodec.v1.StreamHeader.$Properties} facecodec.v1.StreamHeader.$Shape
             */

            /**
             * Constructs a new StreamHeader.
             * @memberof facecodec.v1
             * @classdesc Represents a StreamHeader.
             * @constructor
             * @param {facecodec.v1.StreamHeader.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StreamHeader = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StreamHeader formatVersion.
             * @member {number} formatVersion
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.formatVersion = 0;

            /**
             * StreamHeader profile.
             * @member {facecodec.v1.Profile.$Properties|null|undefined} profile
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.profile = null;

            /**
             * StreamHeader faceModelId.
             * @member {string} faceModelId
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.faceModelId = "";

            /**
             * StreamHeader faceModelHash.
             * @member {Uint8Array} faceModelHash
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.faceModelHash = $util.newBuffer([]);

            /**
             * StreamHeader modelExpressionDims.
             * @member {number} modelExpressionDims
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.modelExpressionDims = 0;

            /**
             * StreamHeader frameRateHz.
             * @member {number} frameRateHz
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.frameRateHz = 0;

            /**
             * StreamHeader cropWidth.
             * @member {number} cropWidth
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.cropWidth = 0;

            /**
             * StreamHeader cropHeight.
             * @member {number} cropHeight
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.cropHeight = 0;

            /**
             * StreamHeader profileId.
             * @member {number} profileId
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.profileId = 0;

            /**
             * StreamHeader displayRateHz.
             * @member {number} displayRateHz
             * @memberof facecodec.v1.StreamHeader
             * @instance
             */
            StreamHeader.prototype.displayRateHz = 0;

            /**
             * Creates a new StreamHeader instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {facecodec.v1.StreamHeader.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.StreamHeader} StreamHeader instance
             * @type {{
             *   (properties: facecodec.v1.StreamHeader.$Shape): facecodec.v1.StreamHeader & facecodec.v1.StreamHeader.$Shape;
             *   (properties?: facecodec.v1.StreamHeader.$Properties): facecodec.v1.StreamHeader;
             * }}
             */
            StreamHeader.create = function(properties) {
                return new StreamHeader(properties);
            };

            /**
             * Encodes the specified StreamHeader message. Does not implicitly {@link facecodec.v1.StreamHeader.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {facecodec.v1.StreamHeader.$Properties} m StreamHeader message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StreamHeader.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.formatVersion != null && $Object.hasOwnProperty.call(m, "formatVersion") && m.formatVersion !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.formatVersion);
                if (m.profile != null && $Object.hasOwnProperty.call(m, "profile"))
                    $root.facecodec.v1.Profile.encode(m.profile, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.faceModelId != null && $Object.hasOwnProperty.call(m, "faceModelId") && m.faceModelId !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.faceModelId);
                if (m.faceModelHash != null && $Object.hasOwnProperty.call(m, "faceModelHash") && m.faceModelHash.length)
                    w.uint32(/* id 4, wireType 2 =*/34).bytes(m.faceModelHash);
                if (m.modelExpressionDims != null && $Object.hasOwnProperty.call(m, "modelExpressionDims") && m.modelExpressionDims !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.modelExpressionDims);
                if (m.frameRateHz != null && $Object.hasOwnProperty.call(m, "frameRateHz") && !$Object.is(m.frameRateHz, 0))
                    w.uint32(/* id 6, wireType 5 =*/53).float(m.frameRateHz);
                if (m.cropWidth != null && $Object.hasOwnProperty.call(m, "cropWidth") && m.cropWidth !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.cropWidth);
                if (m.cropHeight != null && $Object.hasOwnProperty.call(m, "cropHeight") && m.cropHeight !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.cropHeight);
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId") && m.profileId !== 0)
                    w.uint32(/* id 9, wireType 0 =*/72).uint32(m.profileId);
                if (m.displayRateHz != null && $Object.hasOwnProperty.call(m, "displayRateHz") && !$Object.is(m.displayRateHz, 0))
                    w.uint32(/* id 10, wireType 5 =*/85).float(m.displayRateHz);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a StreamHeader message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.StreamHeader & facecodec.v1.StreamHeader.$Shape} StreamHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StreamHeader.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.StreamHeader();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.formatVersion = v;
                            else
                                delete m.formatVersion;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.profile = $root.facecodec.v1.Profile.decode(r, r.size(), $undefined, q + 1, m.profile);
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.faceModelId = v;
                            else
                                delete m.faceModelId;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.faceModelHash = v;
                            else
                                delete m.faceModelHash;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.modelExpressionDims = v;
                            else
                                delete m.modelExpressionDims;
                            continue;
                        }
                    case 6: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.frameRateHz = v;
                            else
                                delete m.frameRateHz;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.cropWidth = v;
                            else
                                delete m.cropWidth;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.cropHeight = v;
                            else
                                delete m.cropHeight;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.profileId = v;
                            else
                                delete m.profileId;
                            continue;
                        }
                    case 10: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.displayRateHz = v;
                            else
                                delete m.displayRateHz;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a StreamHeader message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.StreamHeader} StreamHeader
             */
            StreamHeader.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.StreamHeader)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.StreamHeader: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.StreamHeader();
                if (d.formatVersion != null) {
                    if ($Number(d.formatVersion) !== 0) {
                        m.formatVersion = d.formatVersion >>> 0;
                    }
                }
                if (d.profile != null) {
                    if (!$util.isObject(d.profile))
                        throw $TypeError(".facecodec.v1.StreamHeader.profile: object expected");
                    m.profile = $root.facecodec.v1.Profile.fromObject(d.profile, q + 1);
                }
                if (d.faceModelId != null) {
                    if (typeof d.faceModelId !== "string" || d.faceModelId.length) {
                        m.faceModelId = $String(d.faceModelId);
                    }
                }
                if (d.faceModelHash != null) {
                    if (d.faceModelHash.length) {
                        if (typeof d.faceModelHash === "string")
                            $util.base64.decode(d.faceModelHash, m.faceModelHash = $util.newBuffer($util.base64.length(d.faceModelHash)), 0);
                        else if (d.faceModelHash.length >= 0)
                            m.faceModelHash = d.faceModelHash;
                    }
                }
                if (d.modelExpressionDims != null) {
                    if ($Number(d.modelExpressionDims) !== 0) {
                        m.modelExpressionDims = d.modelExpressionDims >>> 0;
                    }
                }
                if (d.frameRateHz != null) {
                    if (!$Object.is($Number(d.frameRateHz), 0)) {
                        m.frameRateHz = $Number(d.frameRateHz);
                    }
                }
                if (d.cropWidth != null) {
                    if ($Number(d.cropWidth) !== 0) {
                        m.cropWidth = d.cropWidth >>> 0;
                    }
                }
                if (d.cropHeight != null) {
                    if ($Number(d.cropHeight) !== 0) {
                        m.cropHeight = d.cropHeight >>> 0;
                    }
                }
                if (d.profileId != null) {
                    if ($Number(d.profileId) !== 0) {
                        m.profileId = d.profileId >>> 0;
                    }
                }
                if (d.displayRateHz != null) {
                    if (!$Object.is($Number(d.displayRateHz), 0)) {
                        m.displayRateHz = $Number(d.displayRateHz);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StreamHeader message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {facecodec.v1.StreamHeader} m StreamHeader
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StreamHeader.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.formatVersion = 0;
                    d.profile = null;
                    d.faceModelId = "";
                    if (o.bytes === $String)
                        d.faceModelHash = "";
                    else {
                        d.faceModelHash = [];
                        if (o.bytes !== $Array)
                            d.faceModelHash = $util.newBuffer(d.faceModelHash);
                    }
                    d.modelExpressionDims = 0;
                    d.frameRateHz = 0;
                    d.cropWidth = 0;
                    d.cropHeight = 0;
                    d.profileId = 0;
                    d.displayRateHz = 0;
                }
                if (m.formatVersion != null && $Object.hasOwnProperty.call(m, "formatVersion")) {
                    d.formatVersion = m.formatVersion;
                }
                if (m.profile != null && $Object.hasOwnProperty.call(m, "profile")) {
                    d.profile = $root.facecodec.v1.Profile.toObject(m.profile, o, q + 1);
                }
                if (m.faceModelId != null && $Object.hasOwnProperty.call(m, "faceModelId")) {
                    d.faceModelId = m.faceModelId;
                }
                if (m.faceModelHash != null && $Object.hasOwnProperty.call(m, "faceModelHash")) {
                    d.faceModelHash = o.bytes === $String ? $util.base64.encode(m.faceModelHash, 0, m.faceModelHash.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.faceModelHash) : m.faceModelHash;
                }
                if (m.modelExpressionDims != null && $Object.hasOwnProperty.call(m, "modelExpressionDims")) {
                    d.modelExpressionDims = m.modelExpressionDims;
                }
                if (m.frameRateHz != null && $Object.hasOwnProperty.call(m, "frameRateHz")) {
                    d.frameRateHz = o.json && !$isFinite(m.frameRateHz) ? $String(m.frameRateHz) : m.frameRateHz;
                }
                if (m.cropWidth != null && $Object.hasOwnProperty.call(m, "cropWidth")) {
                    d.cropWidth = m.cropWidth;
                }
                if (m.cropHeight != null && $Object.hasOwnProperty.call(m, "cropHeight")) {
                    d.cropHeight = m.cropHeight;
                }
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId")) {
                    d.profileId = m.profileId;
                }
                if (m.displayRateHz != null && $Object.hasOwnProperty.call(m, "displayRateHz")) {
                    d.displayRateHz = o.json && !$isFinite(m.displayRateHz) ? $String(m.displayRateHz) : m.displayRateHz;
                }
                return d;
            };

            /**
             * Converts this StreamHeader to JSON.
             * @function toJSON
             * @memberof facecodec.v1.StreamHeader
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StreamHeader.prototype.toJSON = function() {
                return StreamHeader.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StreamHeader
             * @function getTypeUrl
             * @memberof facecodec.v1.StreamHeader
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StreamHeader.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.StreamHeader";
            };

            return StreamHeader;
        })();

        /**
         * ImageFormat enum.
         * @name facecodec.v1.ImageFormat
         * @enum {number}
         * @property {number} IMAGE_FORMAT_JPEG=0 IMAGE_FORMAT_JPEG value
         * @property {number} IMAGE_FORMAT_PNG=1 IMAGE_FORMAT_PNG value
         * @property {number} IMAGE_FORMAT_WEBP=2 IMAGE_FORMAT_WEBP value
         * @property {number} IMAGE_FORMAT_AVIF=3 IMAGE_FORMAT_AVIF value
         */
        v1.ImageFormat = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "IMAGE_FORMAT_JPEG"] = 0;
            values[valuesById[1] = "IMAGE_FORMAT_PNG"] = 1;
            values[valuesById[2] = "IMAGE_FORMAT_WEBP"] = 2;
            values[valuesById[3] = "IMAGE_FORMAT_AVIF"] = 3;
            return values;
        })();

        v1.FaceParams = (function() {

            /**
             * Properties of a FaceParams.
             * @typedef {Object} facecodec.v1.FaceParams.$Properties
             * @property {Array.<number>|null} [shape] FaceParams shape
             * @property {Array.<number>|null} [expression] FaceParams expression
             * @property {Array.<number>|null} [jawRad] FaceParams jawRad
             * @property {Array.<number>|null} [eyesRad] FaceParams eyesRad
             * @property {Array.<number>|null} [rotationRad] FaceParams rotationRad
             * @property {Array.<number>|null} [translationPx] FaceParams translationPx
             * @property {number|null} [scalePxPerMm] FaceParams scalePxPerMm
             * @property {Array.<number>|null} [keypointsMm] FaceParams keypointsMm
             * @property {Array.<number>|null} [learnedKeypoints] FaceParams learnedKeypoints
             * @property {Array.<number>|null} [eyeState] FaceParams eyeState
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FaceParams.
             * @memberof facecodec.v1
             * @interface IFaceParams
             * @augments facecodec.v1.FaceParams.$Properties
             * @deprecated Use facecodec.v1.FaceParams.$Properties instead.
             */

            /**
             * Shape of a FaceParams.
             * @typedef {facecodec.v1.FaceParams.$Properties} facecodec.v1.FaceParams.$Shape
             */

            /**
             * Constructs a new FaceParams.
             * @memberof facecodec.v1
             * @classdesc Represents a FaceParams.
             * @constructor
             * @param {facecodec.v1.FaceParams.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FaceParams = function (p) {
                this.shape = [];
                this.expression = [];
                this.jawRad = [];
                this.eyesRad = [];
                this.rotationRad = [];
                this.translationPx = [];
                this.keypointsMm = [];
                this.learnedKeypoints = [];
                this.eyeState = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FaceParams shape.
             * @member {Array.<number>} shape
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.shape = $util.emptyArray;

            /**
             * FaceParams expression.
             * @member {Array.<number>} expression
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.expression = $util.emptyArray;

            /**
             * FaceParams jawRad.
             * @member {Array.<number>} jawRad
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.jawRad = $util.emptyArray;

            /**
             * FaceParams eyesRad.
             * @member {Array.<number>} eyesRad
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.eyesRad = $util.emptyArray;

            /**
             * FaceParams rotationRad.
             * @member {Array.<number>} rotationRad
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.rotationRad = $util.emptyArray;

            /**
             * FaceParams translationPx.
             * @member {Array.<number>} translationPx
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.translationPx = $util.emptyArray;

            /**
             * FaceParams scalePxPerMm.
             * @member {number} scalePxPerMm
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.scalePxPerMm = 0;

            /**
             * FaceParams keypointsMm.
             * @member {Array.<number>} keypointsMm
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.keypointsMm = $util.emptyArray;

            /**
             * FaceParams learnedKeypoints.
             * @member {Array.<number>} learnedKeypoints
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.learnedKeypoints = $util.emptyArray;

            /**
             * FaceParams eyeState.
             * @member {Array.<number>} eyeState
             * @memberof facecodec.v1.FaceParams
             * @instance
             */
            FaceParams.prototype.eyeState = $util.emptyArray;

            /**
             * Creates a new FaceParams instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {facecodec.v1.FaceParams.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.FaceParams} FaceParams instance
             * @type {{
             *   (properties: facecodec.v1.FaceParams.$Shape): facecodec.v1.FaceParams & facecodec.v1.FaceParams.$Shape;
             *   (properties?: facecodec.v1.FaceParams.$Properties): facecodec.v1.FaceParams;
             * }}
             */
            FaceParams.create = function(properties) {
                return new FaceParams(properties);
            };

            /**
             * Encodes the specified FaceParams message. Does not implicitly {@link facecodec.v1.FaceParams.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {facecodec.v1.FaceParams.$Properties} m FaceParams message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FaceParams.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.shape != null && m.shape.length) {
                    w.uint32(/* id 1, wireType 2 =*/10).floats(m.shape);
                }
                if (m.expression != null && m.expression.length) {
                    w.uint32(/* id 2, wireType 2 =*/18).floats(m.expression);
                }
                if (m.jawRad != null && m.jawRad.length) {
                    w.uint32(/* id 3, wireType 2 =*/26).floats(m.jawRad);
                }
                if (m.eyesRad != null && m.eyesRad.length) {
                    w.uint32(/* id 4, wireType 2 =*/34).floats(m.eyesRad);
                }
                if (m.rotationRad != null && m.rotationRad.length) {
                    w.uint32(/* id 5, wireType 2 =*/42).floats(m.rotationRad);
                }
                if (m.translationPx != null && m.translationPx.length) {
                    w.uint32(/* id 6, wireType 2 =*/50).floats(m.translationPx);
                }
                if (m.scalePxPerMm != null && $Object.hasOwnProperty.call(m, "scalePxPerMm") && !$Object.is(m.scalePxPerMm, 0))
                    w.uint32(/* id 7, wireType 5 =*/61).float(m.scalePxPerMm);
                if (m.keypointsMm != null && m.keypointsMm.length) {
                    w.uint32(/* id 8, wireType 2 =*/66).floats(m.keypointsMm);
                }
                if (m.learnedKeypoints != null && m.learnedKeypoints.length) {
                    w.uint32(/* id 9, wireType 2 =*/74).floats(m.learnedKeypoints);
                }
                if (m.eyeState != null && m.eyeState.length) {
                    w.uint32(/* id 10, wireType 2 =*/82).floats(m.eyeState);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a FaceParams message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.FaceParams & facecodec.v1.FaceParams.$Shape} FaceParams
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FaceParams.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.FaceParams();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u === 2) {
                                if (!(m.shape && m.shape.length))
                                    m.shape = [];
                                r.floats(m.shape);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            m.shape.push(r.float());
                            continue;
                        }
                    case 2: {
                            if (u === 2) {
                                if (!(m.expression && m.expression.length))
                                    m.expression = [];
                                r.floats(m.expression);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.expression && m.expression.length))
                                m.expression = [];
                            m.expression.push(r.float());
                            continue;
                        }
                    case 3: {
                            if (u === 2) {
                                if (!(m.jawRad && m.jawRad.length))
                                    m.jawRad = [];
                                r.floats(m.jawRad);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.jawRad && m.jawRad.length))
                                m.jawRad = [];
                            m.jawRad.push(r.float());
                            continue;
                        }
                    case 4: {
                            if (u === 2) {
                                if (!(m.eyesRad && m.eyesRad.length))
                                    m.eyesRad = [];
                                r.floats(m.eyesRad);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.eyesRad && m.eyesRad.length))
                                m.eyesRad = [];
                            m.eyesRad.push(r.float());
                            continue;
                        }
                    case 5: {
                            if (u === 2) {
                                if (!(m.rotationRad && m.rotationRad.length))
                                    m.rotationRad = [];
                                r.floats(m.rotationRad);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.rotationRad && m.rotationRad.length))
                                m.rotationRad = [];
                            m.rotationRad.push(r.float());
                            continue;
                        }
                    case 6: {
                            if (u === 2) {
                                if (!(m.translationPx && m.translationPx.length))
                                    m.translationPx = [];
                                r.floats(m.translationPx);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.translationPx && m.translationPx.length))
                                m.translationPx = [];
                            m.translationPx.push(r.float());
                            continue;
                        }
                    case 7: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.scalePxPerMm = v;
                            else
                                delete m.scalePxPerMm;
                            continue;
                        }
                    case 8: {
                            if (u === 2) {
                                if (!(m.keypointsMm && m.keypointsMm.length))
                                    m.keypointsMm = [];
                                r.floats(m.keypointsMm);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.keypointsMm && m.keypointsMm.length))
                                m.keypointsMm = [];
                            m.keypointsMm.push(r.float());
                            continue;
                        }
                    case 9: {
                            if (u === 2) {
                                if (!(m.learnedKeypoints && m.learnedKeypoints.length))
                                    m.learnedKeypoints = [];
                                r.floats(m.learnedKeypoints);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.learnedKeypoints && m.learnedKeypoints.length))
                                m.learnedKeypoints = [];
                            m.learnedKeypoints.push(r.float());
                            continue;
                        }
                    case 10: {
                            if (u === 2) {
                                if (!(m.eyeState && m.eyeState.length))
                                    m.eyeState = [];
                                r.floats(m.eyeState);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.eyeState && m.eyeState.length))
                                m.eyeState = [];
                            m.eyeState.push(r.float());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a FaceParams message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.FaceParams} FaceParams
             */
            FaceParams.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.FaceParams)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.FaceParams: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.FaceParams();
                if (d.shape) {
                    if (!$Array.isArray(d.shape))
                        throw $TypeError(".facecodec.v1.FaceParams.shape: array expected");
                    m.shape = $Array(d.shape.length);
                    for (var i = 0; i < d.shape.length; ++i) {
                        m.shape[i] = $Number(d.shape[i]);
                    }
                }
                if (d.expression) {
                    if (!$Array.isArray(d.expression))
                        throw $TypeError(".facecodec.v1.FaceParams.expression: array expected");
                    m.expression = $Array(d.expression.length);
                    for (var i = 0; i < d.expression.length; ++i) {
                        m.expression[i] = $Number(d.expression[i]);
                    }
                }
                if (d.jawRad) {
                    if (!$Array.isArray(d.jawRad))
                        throw $TypeError(".facecodec.v1.FaceParams.jawRad: array expected");
                    m.jawRad = $Array(d.jawRad.length);
                    for (var i = 0; i < d.jawRad.length; ++i) {
                        m.jawRad[i] = $Number(d.jawRad[i]);
                    }
                }
                if (d.eyesRad) {
                    if (!$Array.isArray(d.eyesRad))
                        throw $TypeError(".facecodec.v1.FaceParams.eyesRad: array expected");
                    m.eyesRad = $Array(d.eyesRad.length);
                    for (var i = 0; i < d.eyesRad.length; ++i) {
                        m.eyesRad[i] = $Number(d.eyesRad[i]);
                    }
                }
                if (d.rotationRad) {
                    if (!$Array.isArray(d.rotationRad))
                        throw $TypeError(".facecodec.v1.FaceParams.rotationRad: array expected");
                    m.rotationRad = $Array(d.rotationRad.length);
                    for (var i = 0; i < d.rotationRad.length; ++i) {
                        m.rotationRad[i] = $Number(d.rotationRad[i]);
                    }
                }
                if (d.translationPx) {
                    if (!$Array.isArray(d.translationPx))
                        throw $TypeError(".facecodec.v1.FaceParams.translationPx: array expected");
                    m.translationPx = $Array(d.translationPx.length);
                    for (var i = 0; i < d.translationPx.length; ++i) {
                        m.translationPx[i] = $Number(d.translationPx[i]);
                    }
                }
                if (d.scalePxPerMm != null) {
                    if (!$Object.is($Number(d.scalePxPerMm), 0)) {
                        m.scalePxPerMm = $Number(d.scalePxPerMm);
                    }
                }
                if (d.keypointsMm) {
                    if (!$Array.isArray(d.keypointsMm))
                        throw $TypeError(".facecodec.v1.FaceParams.keypointsMm: array expected");
                    m.keypointsMm = $Array(d.keypointsMm.length);
                    for (var i = 0; i < d.keypointsMm.length; ++i) {
                        m.keypointsMm[i] = $Number(d.keypointsMm[i]);
                    }
                }
                if (d.learnedKeypoints) {
                    if (!$Array.isArray(d.learnedKeypoints))
                        throw $TypeError(".facecodec.v1.FaceParams.learnedKeypoints: array expected");
                    m.learnedKeypoints = $Array(d.learnedKeypoints.length);
                    for (var i = 0; i < d.learnedKeypoints.length; ++i) {
                        m.learnedKeypoints[i] = $Number(d.learnedKeypoints[i]);
                    }
                }
                if (d.eyeState) {
                    if (!$Array.isArray(d.eyeState))
                        throw $TypeError(".facecodec.v1.FaceParams.eyeState: array expected");
                    m.eyeState = $Array(d.eyeState.length);
                    for (var i = 0; i < d.eyeState.length; ++i) {
                        m.eyeState[i] = $Number(d.eyeState[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a FaceParams message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {facecodec.v1.FaceParams} m FaceParams
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FaceParams.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.shape = [];
                    d.expression = [];
                    d.jawRad = [];
                    d.eyesRad = [];
                    d.rotationRad = [];
                    d.translationPx = [];
                    d.keypointsMm = [];
                    d.learnedKeypoints = [];
                    d.eyeState = [];
                }
                if (o.defaults) {
                    d.scalePxPerMm = 0;
                }
                if (m.shape && m.shape.length) {
                    d.shape = $Array(m.shape.length);
                    for (var j = 0; j < m.shape.length; ++j) {
                        d.shape[j] = o.json && !$isFinite(m.shape[j]) ? $String(m.shape[j]) : m.shape[j];
                    }
                }
                if (m.expression && m.expression.length) {
                    d.expression = $Array(m.expression.length);
                    for (var j = 0; j < m.expression.length; ++j) {
                        d.expression[j] = o.json && !$isFinite(m.expression[j]) ? $String(m.expression[j]) : m.expression[j];
                    }
                }
                if (m.jawRad && m.jawRad.length) {
                    d.jawRad = $Array(m.jawRad.length);
                    for (var j = 0; j < m.jawRad.length; ++j) {
                        d.jawRad[j] = o.json && !$isFinite(m.jawRad[j]) ? $String(m.jawRad[j]) : m.jawRad[j];
                    }
                }
                if (m.eyesRad && m.eyesRad.length) {
                    d.eyesRad = $Array(m.eyesRad.length);
                    for (var j = 0; j < m.eyesRad.length; ++j) {
                        d.eyesRad[j] = o.json && !$isFinite(m.eyesRad[j]) ? $String(m.eyesRad[j]) : m.eyesRad[j];
                    }
                }
                if (m.rotationRad && m.rotationRad.length) {
                    d.rotationRad = $Array(m.rotationRad.length);
                    for (var j = 0; j < m.rotationRad.length; ++j) {
                        d.rotationRad[j] = o.json && !$isFinite(m.rotationRad[j]) ? $String(m.rotationRad[j]) : m.rotationRad[j];
                    }
                }
                if (m.translationPx && m.translationPx.length) {
                    d.translationPx = $Array(m.translationPx.length);
                    for (var j = 0; j < m.translationPx.length; ++j) {
                        d.translationPx[j] = o.json && !$isFinite(m.translationPx[j]) ? $String(m.translationPx[j]) : m.translationPx[j];
                    }
                }
                if (m.scalePxPerMm != null && $Object.hasOwnProperty.call(m, "scalePxPerMm")) {
                    d.scalePxPerMm = o.json && !$isFinite(m.scalePxPerMm) ? $String(m.scalePxPerMm) : m.scalePxPerMm;
                }
                if (m.keypointsMm && m.keypointsMm.length) {
                    d.keypointsMm = $Array(m.keypointsMm.length);
                    for (var j = 0; j < m.keypointsMm.length; ++j) {
                        d.keypointsMm[j] = o.json && !$isFinite(m.keypointsMm[j]) ? $String(m.keypointsMm[j]) : m.keypointsMm[j];
                    }
                }
                if (m.learnedKeypoints && m.learnedKeypoints.length) {
                    d.learnedKeypoints = $Array(m.learnedKeypoints.length);
                    for (var j = 0; j < m.learnedKeypoints.length; ++j) {
                        d.learnedKeypoints[j] = o.json && !$isFinite(m.learnedKeypoints[j]) ? $String(m.learnedKeypoints[j]) : m.learnedKeypoints[j];
                    }
                }
                if (m.eyeState && m.eyeState.length) {
                    d.eyeState = $Array(m.eyeState.length);
                    for (var j = 0; j < m.eyeState.length; ++j) {
                        d.eyeState[j] = o.json && !$isFinite(m.eyeState[j]) ? $String(m.eyeState[j]) : m.eyeState[j];
                    }
                }
                return d;
            };

            /**
             * Converts this FaceParams to JSON.
             * @function toJSON
             * @memberof facecodec.v1.FaceParams
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FaceParams.prototype.toJSON = function() {
                return FaceParams.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FaceParams
             * @function getTypeUrl
             * @memberof facecodec.v1.FaceParams
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FaceParams.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.FaceParams";
            };

            return FaceParams;
        })();

        v1.Keyframe = (function() {

            /**
             * Properties of a Keyframe.
             * @typedef {Object} facecodec.v1.Keyframe.$Properties
             * @property {number|null} [id] Keyframe id
             * @property {number|null} [width] Keyframe width
             * @property {number|null} [height] Keyframe height
             * @property {facecodec.v1.ImageFormat|null} [format] Keyframe format
             * @property {Uint8Array|null} [image] Keyframe image
             * @property {facecodec.v1.FaceParams.$Properties|null} [params] Keyframe params
             * @property {number|null} [timestampMs] Keyframe timestampMs
             * @property {Uint8Array|null} [personMatte] Keyframe personMatte
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Keyframe.
             * @memberof facecodec.v1
             * @interface IKeyframe
             * @augments facecodec.v1.Keyframe.$Properties
             * @deprecated Use facecodec.v1.Keyframe.$Properties instead.
             */

            /**
             * Shape of a Keyframe.
             * @typedef {facecodec.v1.Keyframe.$Properties} facecodec.v1.Keyframe.$Shape
             */

            /**
             * Constructs a new Keyframe.
             * @memberof facecodec.v1
             * @classdesc Represents a Keyframe.
             * @constructor
             * @param {facecodec.v1.Keyframe.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Keyframe = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Keyframe id.
             * @member {number} id
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.id = 0;

            /**
             * Keyframe width.
             * @member {number} width
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.width = 0;

            /**
             * Keyframe height.
             * @member {number} height
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.height = 0;

            /**
             * Keyframe format.
             * @member {facecodec.v1.ImageFormat} format
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.format = 0;

            /**
             * Keyframe image.
             * @member {Uint8Array} image
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.image = $util.newBuffer([]);

            /**
             * Keyframe params.
             * @member {facecodec.v1.FaceParams.$Properties|null|undefined} params
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.params = null;

            /**
             * Keyframe timestampMs.
             * @member {number} timestampMs
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.timestampMs = 0;

            /**
             * Keyframe personMatte.
             * @member {Uint8Array} personMatte
             * @memberof facecodec.v1.Keyframe
             * @instance
             */
            Keyframe.prototype.personMatte = $util.newBuffer([]);

            /**
             * Creates a new Keyframe instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {facecodec.v1.Keyframe.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.Keyframe} Keyframe instance
             * @type {{
             *   (properties: facecodec.v1.Keyframe.$Shape): facecodec.v1.Keyframe & facecodec.v1.Keyframe.$Shape;
             *   (properties?: facecodec.v1.Keyframe.$Properties): facecodec.v1.Keyframe;
             * }}
             */
            Keyframe.create = function(properties) {
                return new Keyframe(properties);
            };

            /**
             * Encodes the specified Keyframe message. Does not implicitly {@link facecodec.v1.Keyframe.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {facecodec.v1.Keyframe.$Properties} m Keyframe message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Keyframe.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.id);
                if (m.width != null && $Object.hasOwnProperty.call(m, "width") && m.width !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.width);
                if (m.height != null && $Object.hasOwnProperty.call(m, "height") && m.height !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.height);
                if (m.format != null && $Object.hasOwnProperty.call(m, "format") && m.format !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.format);
                if (m.image != null && $Object.hasOwnProperty.call(m, "image") && m.image.length)
                    w.uint32(/* id 5, wireType 2 =*/42).bytes(m.image);
                if (m.params != null && $Object.hasOwnProperty.call(m, "params"))
                    $root.facecodec.v1.FaceParams.encode(m.params, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs") && m.timestampMs !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.timestampMs);
                if (m.personMatte != null && $Object.hasOwnProperty.call(m, "personMatte") && m.personMatte.length)
                    w.uint32(/* id 8, wireType 2 =*/66).bytes(m.personMatte);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Keyframe message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.Keyframe & facecodec.v1.Keyframe.$Shape} Keyframe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Keyframe.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.Keyframe();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.width = v;
                            else
                                delete m.width;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.height = v;
                            else
                                delete m.height;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.format = v;
                            else
                                delete m.format;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.image = v;
                            else
                                delete m.image;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.params = $root.facecodec.v1.FaceParams.decode(r, r.size(), $undefined, q + 1, m.params);
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.timestampMs = v;
                            else
                                delete m.timestampMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.personMatte = v;
                            else
                                delete m.personMatte;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Keyframe message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.Keyframe} Keyframe
             */
            Keyframe.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.Keyframe)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.Keyframe: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.Keyframe();
                if (d.id != null) {
                    if ($Number(d.id) !== 0) {
                        m.id = d.id >>> 0;
                    }
                }
                if (d.width != null) {
                    if ($Number(d.width) !== 0) {
                        m.width = d.width >>> 0;
                    }
                }
                if (d.height != null) {
                    if ($Number(d.height) !== 0) {
                        m.height = d.height >>> 0;
                    }
                }
                if (d.format !== 0 && (typeof d.format !== "string" || $root.facecodec.v1.ImageFormat[d.format] !== 0)) {
                    switch (d.format) {
                    case "IMAGE_FORMAT_JPEG":
                    case 0:
                        m.format = 0;
                        break;
                    case "IMAGE_FORMAT_PNG":
                    case 1:
                        m.format = 1;
                        break;
                    case "IMAGE_FORMAT_WEBP":
                    case 2:
                        m.format = 2;
                        break;
                    case "IMAGE_FORMAT_AVIF":
                    case 3:
                        m.format = 3;
                        break;
                    default:
                        if (typeof d.format === "number" && (d.format | 0) === d.format)
                            m.format = d.format;
                    }
                }
                if (d.image != null) {
                    if (d.image.length) {
                        if (typeof d.image === "string")
                            $util.base64.decode(d.image, m.image = $util.newBuffer($util.base64.length(d.image)), 0);
                        else if (d.image.length >= 0)
                            m.image = d.image;
                    }
                }
                if (d.params != null) {
                    if (!$util.isObject(d.params))
                        throw $TypeError(".facecodec.v1.Keyframe.params: object expected");
                    m.params = $root.facecodec.v1.FaceParams.fromObject(d.params, q + 1);
                }
                if (d.timestampMs != null) {
                    if ($Number(d.timestampMs) !== 0) {
                        m.timestampMs = d.timestampMs >>> 0;
                    }
                }
                if (d.personMatte != null) {
                    if (d.personMatte.length) {
                        if (typeof d.personMatte === "string")
                            $util.base64.decode(d.personMatte, m.personMatte = $util.newBuffer($util.base64.length(d.personMatte)), 0);
                        else if (d.personMatte.length >= 0)
                            m.personMatte = d.personMatte;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Keyframe message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {facecodec.v1.Keyframe} m Keyframe
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Keyframe.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.id = 0;
                    d.width = 0;
                    d.height = 0;
                    d.format = o.enums === $String ? "IMAGE_FORMAT_JPEG" : 0;
                    if (o.bytes === $String)
                        d.image = "";
                    else {
                        d.image = [];
                        if (o.bytes !== $Array)
                            d.image = $util.newBuffer(d.image);
                    }
                    d.params = null;
                    d.timestampMs = 0;
                    if (o.bytes === $String)
                        d.personMatte = "";
                    else {
                        d.personMatte = [];
                        if (o.bytes !== $Array)
                            d.personMatte = $util.newBuffer(d.personMatte);
                    }
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    d.id = m.id;
                }
                if (m.width != null && $Object.hasOwnProperty.call(m, "width")) {
                    d.width = m.width;
                }
                if (m.height != null && $Object.hasOwnProperty.call(m, "height")) {
                    d.height = m.height;
                }
                if (m.format != null && $Object.hasOwnProperty.call(m, "format")) {
                    d.format = o.enums === $String ? $root.facecodec.v1.ImageFormat[m.format] === $undefined ? m.format : $root.facecodec.v1.ImageFormat[m.format] : m.format;
                }
                if (m.image != null && $Object.hasOwnProperty.call(m, "image")) {
                    d.image = o.bytes === $String ? $util.base64.encode(m.image, 0, m.image.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.image) : m.image;
                }
                if (m.params != null && $Object.hasOwnProperty.call(m, "params")) {
                    d.params = $root.facecodec.v1.FaceParams.toObject(m.params, o, q + 1);
                }
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs")) {
                    d.timestampMs = m.timestampMs;
                }
                if (m.personMatte != null && $Object.hasOwnProperty.call(m, "personMatte")) {
                    d.personMatte = o.bytes === $String ? $util.base64.encode(m.personMatte, 0, m.personMatte.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.personMatte) : m.personMatte;
                }
                return d;
            };

            /**
             * Converts this Keyframe to JSON.
             * @function toJSON
             * @memberof facecodec.v1.Keyframe
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Keyframe.prototype.toJSON = function() {
                return Keyframe.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Keyframe
             * @function getTypeUrl
             * @memberof facecodec.v1.Keyframe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Keyframe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.Keyframe";
            };

            return Keyframe;
        })();

        v1.FramePacket = (function() {

            /**
             * Properties of a FramePacket.
             * @typedef {Object} facecodec.v1.FramePacket.$Properties
             * @property {number|null} [sequence] FramePacket sequence
             * @property {Uint8Array|null} [intra] FramePacket intra
             * @property {Uint8Array|null} [predicted] FramePacket predicted
             * @property {number|null} [referenceSkip] FramePacket referenceSkip
             * @property {number|null} [keyframeId] FramePacket keyframeId
             * @property {number|null} [timestampMs] FramePacket timestampMs
             * @property {number|null} [timeOffsetMs] FramePacket timeOffsetMs
             * @property {number|null} [profileId] FramePacket profileId
             * @property {"intra"|"predicted"} [payload] FramePacket payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FramePacket.
             * @memberof facecodec.v1
             * @interface IFramePacket
             * @augments facecodec.v1.FramePacket.$Properties
             * @deprecated Use facecodec.v1.FramePacket.$Properties instead.
             */

            /**
             * Narrowed shape of a FramePacket.
             * @typedef {{
             *   sequence?: number|null;
             *   intra?: Uint8Array|null;
             *   predicted?: Uint8Array|null;
             *   referenceSkip?: number|null;
             *   keyframeId?: number|null;
             *   timestampMs?: number|null;
             *   timeOffsetMs?: number|null;
             *   profileId?: number|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; intra?: null; predicted?: null }|{ payload?: "intra"; intra: Uint8Array; predicted?: null }|{ payload?: "predicted"; intra?: null; predicted: Uint8Array })
             * )} facecodec.v1.FramePacket.$Shape
             */

            /**
             * Constructs a new FramePacket.
             * @memberof facecodec.v1
             * @classdesc Represents a FramePacket.
             * @constructor
             * @param {facecodec.v1.FramePacket.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FramePacket = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FramePacket sequence.
             * @member {number} sequence
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.sequence = 0;

            /**
             * FramePacket intra.
             * @member {Uint8Array|null|undefined} intra
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.intra = null;

            /**
             * FramePacket predicted.
             * @member {Uint8Array|null|undefined} predicted
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.predicted = null;

            /**
             * FramePacket referenceSkip.
             * @member {number} referenceSkip
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.referenceSkip = 0;

            /**
             * FramePacket keyframeId.
             * @member {number} keyframeId
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.keyframeId = 0;

            /**
             * FramePacket timestampMs.
             * @member {number} timestampMs
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.timestampMs = 0;

            /**
             * FramePacket timeOffsetMs.
             * @member {number} timeOffsetMs
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.timeOffsetMs = 0;

            /**
             * FramePacket profileId.
             * @member {number} profileId
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            FramePacket.prototype.profileId = 0;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * FramePacket payload.
             * @member {"intra"|"predicted"|undefined} payload
             * @memberof facecodec.v1.FramePacket
             * @instance
             */
            $Object.defineProperty(FramePacket.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["intra", "predicted"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new FramePacket instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {facecodec.v1.FramePacket.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.FramePacket} FramePacket instance
             * @type {{
             *   (properties: facecodec.v1.FramePacket.$Shape): facecodec.v1.FramePacket & facecodec.v1.FramePacket.$Shape;
             *   (properties?: facecodec.v1.FramePacket.$Properties): facecodec.v1.FramePacket;
             * }}
             */
            FramePacket.create = function(properties) {
                return new FramePacket(properties);
            };

            /**
             * Encodes the specified FramePacket message. Does not implicitly {@link facecodec.v1.FramePacket.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {facecodec.v1.FramePacket.$Properties} m FramePacket message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FramePacket.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sequence != null && $Object.hasOwnProperty.call(m, "sequence") && m.sequence !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.sequence);
                if (m.intra != null && $Object.hasOwnProperty.call(m, "intra"))
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.intra);
                if (m.predicted != null && $Object.hasOwnProperty.call(m, "predicted"))
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.predicted);
                if (m.referenceSkip != null && $Object.hasOwnProperty.call(m, "referenceSkip") && m.referenceSkip !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.referenceSkip);
                if (m.keyframeId != null && $Object.hasOwnProperty.call(m, "keyframeId") && m.keyframeId !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.keyframeId);
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs") && m.timestampMs !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.timestampMs);
                if (m.timeOffsetMs != null && $Object.hasOwnProperty.call(m, "timeOffsetMs") && m.timeOffsetMs !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).sint32(m.timeOffsetMs);
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId") && m.profileId !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.profileId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a FramePacket message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.FramePacket & facecodec.v1.FramePacket.$Shape} FramePacket
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FramePacket.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.FramePacket();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.sequence = v;
                            else
                                delete m.sequence;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.intra = r.bytes();
                            m.payload = "intra";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.predicted = r.bytes();
                            m.payload = "predicted";
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.referenceSkip = v;
                            else
                                delete m.referenceSkip;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.keyframeId = v;
                            else
                                delete m.keyframeId;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.timestampMs = v;
                            else
                                delete m.timestampMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.timeOffsetMs = v;
                            else
                                delete m.timeOffsetMs;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.profileId = v;
                            else
                                delete m.profileId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a FramePacket message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.FramePacket} FramePacket
             */
            FramePacket.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.FramePacket)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.FramePacket: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.FramePacket();
                if (d.sequence != null) {
                    if ($Number(d.sequence) !== 0) {
                        m.sequence = d.sequence >>> 0;
                    }
                }
                if (d.intra != null) {
                    if (typeof d.intra === "string")
                        $util.base64.decode(d.intra, m.intra = $util.newBuffer($util.base64.length(d.intra)), 0);
                    else if (d.intra.length >= 0)
                        m.intra = d.intra;
                }
                if (d.predicted != null) {
                    if (typeof d.predicted === "string")
                        $util.base64.decode(d.predicted, m.predicted = $util.newBuffer($util.base64.length(d.predicted)), 0);
                    else if (d.predicted.length >= 0)
                        m.predicted = d.predicted;
                }
                if (d.referenceSkip != null) {
                    if ($Number(d.referenceSkip) !== 0) {
                        m.referenceSkip = d.referenceSkip >>> 0;
                    }
                }
                if (d.keyframeId != null) {
                    if ($Number(d.keyframeId) !== 0) {
                        m.keyframeId = d.keyframeId >>> 0;
                    }
                }
                if (d.timestampMs != null) {
                    if ($Number(d.timestampMs) !== 0) {
                        m.timestampMs = d.timestampMs >>> 0;
                    }
                }
                if (d.timeOffsetMs != null) {
                    if ($Number(d.timeOffsetMs) !== 0) {
                        m.timeOffsetMs = d.timeOffsetMs | 0;
                    }
                }
                if (d.profileId != null) {
                    if ($Number(d.profileId) !== 0) {
                        m.profileId = d.profileId >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a FramePacket message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {facecodec.v1.FramePacket} m FramePacket
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FramePacket.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.sequence = 0;
                    d.referenceSkip = 0;
                    d.keyframeId = 0;
                    d.timestampMs = 0;
                    d.timeOffsetMs = 0;
                    d.profileId = 0;
                }
                if (m.sequence != null && $Object.hasOwnProperty.call(m, "sequence")) {
                    d.sequence = m.sequence;
                }
                if (m.intra != null && $Object.hasOwnProperty.call(m, "intra")) {
                    d.intra = o.bytes === $String ? $util.base64.encode(m.intra, 0, m.intra.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.intra) : m.intra;
                    if (o.oneofs)
                        d.payload = "intra";
                }
                if (m.predicted != null && $Object.hasOwnProperty.call(m, "predicted")) {
                    d.predicted = o.bytes === $String ? $util.base64.encode(m.predicted, 0, m.predicted.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.predicted) : m.predicted;
                    if (o.oneofs)
                        d.payload = "predicted";
                }
                if (m.referenceSkip != null && $Object.hasOwnProperty.call(m, "referenceSkip")) {
                    d.referenceSkip = m.referenceSkip;
                }
                if (m.keyframeId != null && $Object.hasOwnProperty.call(m, "keyframeId")) {
                    d.keyframeId = m.keyframeId;
                }
                if (m.timestampMs != null && $Object.hasOwnProperty.call(m, "timestampMs")) {
                    d.timestampMs = m.timestampMs;
                }
                if (m.timeOffsetMs != null && $Object.hasOwnProperty.call(m, "timeOffsetMs")) {
                    d.timeOffsetMs = m.timeOffsetMs;
                }
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId")) {
                    d.profileId = m.profileId;
                }
                return d;
            };

            /**
             * Converts this FramePacket to JSON.
             * @function toJSON
             * @memberof facecodec.v1.FramePacket
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FramePacket.prototype.toJSON = function() {
                return FramePacket.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FramePacket
             * @function getTypeUrl
             * @memberof facecodec.v1.FramePacket
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FramePacket.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.FramePacket";
            };

            return FramePacket;
        })();

        v1.FrameBundle = (function() {

            /**
             * Properties of a FrameBundle.
             * @typedef {Object} facecodec.v1.FrameBundle.$Properties
             * @property {Array.<Uint8Array>|null} [packets] FrameBundle packets
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FrameBundle.
             * @memberof facecodec.v1
             * @interface IFrameBundle
             * @augments facecodec.v1.FrameBundle.$Properties
             * @deprecated Use facecodec.v1.FrameBundle.$Properties instead.
             */

            /**
             * Shape of a FrameBundle.
             * @typedef {facecodec.v1.FrameBundle.$Properties} facecodec.v1.FrameBundle.$Shape
             */

            /**
             * Constructs a new FrameBundle.
             * @memberof facecodec.v1
             * @classdesc Represents a FrameBundle.
             * @constructor
             * @param {facecodec.v1.FrameBundle.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FrameBundle = function (p) {
                this.packets = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FrameBundle packets.
             * @member {Array.<Uint8Array>} packets
             * @memberof facecodec.v1.FrameBundle
             * @instance
             */
            FrameBundle.prototype.packets = $util.emptyArray;

            /**
             * Creates a new FrameBundle instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {facecodec.v1.FrameBundle.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.FrameBundle} FrameBundle instance
             * @type {{
             *   (properties: facecodec.v1.FrameBundle.$Shape): facecodec.v1.FrameBundle & facecodec.v1.FrameBundle.$Shape;
             *   (properties?: facecodec.v1.FrameBundle.$Properties): facecodec.v1.FrameBundle;
             * }}
             */
            FrameBundle.create = function(properties) {
                return new FrameBundle(properties);
            };

            /**
             * Encodes the specified FrameBundle message. Does not implicitly {@link facecodec.v1.FrameBundle.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {facecodec.v1.FrameBundle.$Properties} m FrameBundle message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FrameBundle.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.packets != null && m.packets.length) {
                    for (var i = 0; i < m.packets.length; ++i)
                        w.uint32(/* id 15, wireType 2 =*/122).bytes(m.packets[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a FrameBundle message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.FrameBundle & facecodec.v1.FrameBundle.$Shape} FrameBundle
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FrameBundle.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.FrameBundle();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 15: {
                            if (u !== 2)
                                break;
                            if (!(m.packets && m.packets.length))
                                m.packets = [];
                            m.packets.push(r.bytes());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a FrameBundle message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.FrameBundle} FrameBundle
             */
            FrameBundle.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.FrameBundle)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.FrameBundle: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.FrameBundle();
                if (d.packets) {
                    if (!$Array.isArray(d.packets))
                        throw $TypeError(".facecodec.v1.FrameBundle.packets: array expected");
                    m.packets = $Array(d.packets.length);
                    for (var i = 0; i < d.packets.length; ++i) {
                        if (typeof d.packets[i] === "string")
                            $util.base64.decode(d.packets[i], m.packets[i] = $util.newBuffer($util.base64.length(d.packets[i])), 0);
                        else if (d.packets[i].length >= 0)
                            m.packets[i] = d.packets[i];
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a FrameBundle message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {facecodec.v1.FrameBundle} m FrameBundle
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FrameBundle.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.packets = [];
                }
                if (m.packets && m.packets.length) {
                    d.packets = $Array(m.packets.length);
                    for (var j = 0; j < m.packets.length; ++j) {
                        d.packets[j] = o.bytes === $String ? $util.base64.encode(m.packets[j], 0, m.packets[j].length) : o.bytes === $Array ? $Array.prototype.slice.call(m.packets[j]) : m.packets[j];
                    }
                }
                return d;
            };

            /**
             * Converts this FrameBundle to JSON.
             * @function toJSON
             * @memberof facecodec.v1.FrameBundle
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FrameBundle.prototype.toJSON = function() {
                return FrameBundle.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FrameBundle
             * @function getTypeUrl
             * @memberof facecodec.v1.FrameBundle
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FrameBundle.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.FrameBundle";
            };

            return FrameBundle;
        })();

        v1.KeyframeRequest = (function() {

            /**
             * Properties of a KeyframeRequest.
             * @typedef {Object} facecodec.v1.KeyframeRequest.$Properties
             * @property {number|null} [lastGoodSequence] KeyframeRequest lastGoodSequence
             * @property {string|null} [reason] KeyframeRequest reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KeyframeRequest.
             * @memberof facecodec.v1
             * @interface IKeyframeRequest
             * @augments facecodec.v1.KeyframeRequest.$Properties
             * @deprecated Use facecodec.v1.KeyframeRequest.$Properties instead.
             */

            /**
             * Shape of a KeyframeRequest.
             * @typedef {facecodec.v1.KeyframeRequest.$Properties} facecodec.v1.KeyframeRequest.$Shape
             */

            /**
             * Constructs a new KeyframeRequest.
             * @memberof facecodec.v1
             * @classdesc Represents a KeyframeRequest.
             * @constructor
             * @param {facecodec.v1.KeyframeRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KeyframeRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * KeyframeRequest lastGoodSequence.
             * @member {number} lastGoodSequence
             * @memberof facecodec.v1.KeyframeRequest
             * @instance
             */
            KeyframeRequest.prototype.lastGoodSequence = 0;

            /**
             * KeyframeRequest reason.
             * @member {string} reason
             * @memberof facecodec.v1.KeyframeRequest
             * @instance
             */
            KeyframeRequest.prototype.reason = "";

            /**
             * Creates a new KeyframeRequest instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {facecodec.v1.KeyframeRequest.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.KeyframeRequest} KeyframeRequest instance
             * @type {{
             *   (properties: facecodec.v1.KeyframeRequest.$Shape): facecodec.v1.KeyframeRequest & facecodec.v1.KeyframeRequest.$Shape;
             *   (properties?: facecodec.v1.KeyframeRequest.$Properties): facecodec.v1.KeyframeRequest;
             * }}
             */
            KeyframeRequest.create = function(properties) {
                return new KeyframeRequest(properties);
            };

            /**
             * Encodes the specified KeyframeRequest message. Does not implicitly {@link facecodec.v1.KeyframeRequest.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {facecodec.v1.KeyframeRequest.$Properties} m KeyframeRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KeyframeRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.lastGoodSequence != null && $Object.hasOwnProperty.call(m, "lastGoodSequence") && m.lastGoodSequence !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.lastGoodSequence);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a KeyframeRequest message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.KeyframeRequest & facecodec.v1.KeyframeRequest.$Shape} KeyframeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KeyframeRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.KeyframeRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.lastGoodSequence = v;
                            else
                                delete m.lastGoodSequence;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a KeyframeRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.KeyframeRequest} KeyframeRequest
             */
            KeyframeRequest.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.KeyframeRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.KeyframeRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.KeyframeRequest();
                if (d.lastGoodSequence != null) {
                    if ($Number(d.lastGoodSequence) !== 0) {
                        m.lastGoodSequence = d.lastGoodSequence >>> 0;
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a KeyframeRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {facecodec.v1.KeyframeRequest} m KeyframeRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KeyframeRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.lastGoodSequence = 0;
                    d.reason = "";
                }
                if (m.lastGoodSequence != null && $Object.hasOwnProperty.call(m, "lastGoodSequence")) {
                    d.lastGoodSequence = m.lastGoodSequence;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this KeyframeRequest to JSON.
             * @function toJSON
             * @memberof facecodec.v1.KeyframeRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KeyframeRequest.prototype.toJSON = function() {
                return KeyframeRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KeyframeRequest
             * @function getTypeUrl
             * @memberof facecodec.v1.KeyframeRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KeyframeRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.KeyframeRequest";
            };

            return KeyframeRequest;
        })();

        v1.ProfileChange = (function() {

            /**
             * Properties of a ProfileChange.
             * @typedef {Object} facecodec.v1.ProfileChange.$Properties
             * @property {number|null} [profileId] ProfileChange profileId
             * @property {facecodec.v1.Profile.$Properties|null} [profile] ProfileChange profile
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ProfileChange.
             * @memberof facecodec.v1
             * @interface IProfileChange
             * @augments facecodec.v1.ProfileChange.$Properties
             * @deprecated Use facecodec.v1.ProfileChange.$Properties instead.
             */

            /**
             * Shape of a ProfileChange.
             * @typedef {facecodec.v1.ProfileChange.$Properties} facecodec.v1.ProfileChange.$Shape
             */

            /**
             * Constructs a new ProfileChange.
             * @memberof facecodec.v1
             * @classdesc Represents a ProfileChange.
             * @constructor
             * @param {facecodec.v1.ProfileChange.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ProfileChange = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ProfileChange profileId.
             * @member {number} profileId
             * @memberof facecodec.v1.ProfileChange
             * @instance
             */
            ProfileChange.prototype.profileId = 0;

            /**
             * ProfileChange profile.
             * @member {facecodec.v1.Profile.$Properties|null|undefined} profile
             * @memberof facecodec.v1.ProfileChange
             * @instance
             */
            ProfileChange.prototype.profile = null;

            /**
             * Creates a new ProfileChange instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {facecodec.v1.ProfileChange.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.ProfileChange} ProfileChange instance
             * @type {{
             *   (properties: facecodec.v1.ProfileChange.$Shape): facecodec.v1.ProfileChange & facecodec.v1.ProfileChange.$Shape;
             *   (properties?: facecodec.v1.ProfileChange.$Properties): facecodec.v1.ProfileChange;
             * }}
             */
            ProfileChange.create = function(properties) {
                return new ProfileChange(properties);
            };

            /**
             * Encodes the specified ProfileChange message. Does not implicitly {@link facecodec.v1.ProfileChange.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {facecodec.v1.ProfileChange.$Properties} m ProfileChange message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProfileChange.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId") && m.profileId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.profileId);
                if (m.profile != null && $Object.hasOwnProperty.call(m, "profile"))
                    $root.facecodec.v1.Profile.encode(m.profile, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ProfileChange message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.ProfileChange & facecodec.v1.ProfileChange.$Shape} ProfileChange
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProfileChange.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.ProfileChange();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.profileId = v;
                            else
                                delete m.profileId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.profile = $root.facecodec.v1.Profile.decode(r, r.size(), $undefined, q + 1, m.profile);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ProfileChange message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.ProfileChange} ProfileChange
             */
            ProfileChange.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.ProfileChange)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.ProfileChange: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.ProfileChange();
                if (d.profileId != null) {
                    if ($Number(d.profileId) !== 0) {
                        m.profileId = d.profileId >>> 0;
                    }
                }
                if (d.profile != null) {
                    if (!$util.isObject(d.profile))
                        throw $TypeError(".facecodec.v1.ProfileChange.profile: object expected");
                    m.profile = $root.facecodec.v1.Profile.fromObject(d.profile, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a ProfileChange message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {facecodec.v1.ProfileChange} m ProfileChange
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ProfileChange.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.profileId = 0;
                    d.profile = null;
                }
                if (m.profileId != null && $Object.hasOwnProperty.call(m, "profileId")) {
                    d.profileId = m.profileId;
                }
                if (m.profile != null && $Object.hasOwnProperty.call(m, "profile")) {
                    d.profile = $root.facecodec.v1.Profile.toObject(m.profile, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this ProfileChange to JSON.
             * @function toJSON
             * @memberof facecodec.v1.ProfileChange
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ProfileChange.prototype.toJSON = function() {
                return ProfileChange.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ProfileChange
             * @function getTypeUrl
             * @memberof facecodec.v1.ProfileChange
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ProfileChange.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.ProfileChange";
            };

            return ProfileChange;
        })();

        v1.ReceiverStats = (function() {

            /**
             * Properties of a ReceiverStats.
             * @typedef {Object} facecodec.v1.ReceiverStats.$Properties
             * @property {number|null} [framesReceived] ReceiverStats framesReceived
             * @property {number|null} [framesLost] ReceiverStats framesLost
             * @property {number|null} [framesDropped] ReceiverStats framesDropped
             * @property {number|null} [lossFraction] ReceiverStats lossFraction
             * @property {number|null} [delayMsP50] ReceiverStats delayMsP50
             * @property {number|null} [delayMsP95] ReceiverStats delayMsP95
             * @property {number|null} [receiveKbps] ReceiverStats receiveKbps
             * @property {Array.<number>|null} [keyframeIds] ReceiverStats keyframeIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ReceiverStats.
             * @memberof facecodec.v1
             * @interface IReceiverStats
             * @augments facecodec.v1.ReceiverStats.$Properties
             * @deprecated Use facecodec.v1.ReceiverStats.$Properties instead.
             */

            /**
             * Shape of a ReceiverStats.
             * @typedef {facecodec.v1.ReceiverStats.$Properties} facecodec.v1.ReceiverStats.$Shape
             */

            /**
             * Constructs a new ReceiverStats.
             * @memberof facecodec.v1
             * @classdesc Represents a ReceiverStats.
             * @constructor
             * @param {facecodec.v1.ReceiverStats.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ReceiverStats = function (p) {
                this.keyframeIds = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ReceiverStats framesReceived.
             * @member {number} framesReceived
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.framesReceived = 0;

            /**
             * ReceiverStats framesLost.
             * @member {number} framesLost
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.framesLost = 0;

            /**
             * ReceiverStats framesDropped.
             * @member {number} framesDropped
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.framesDropped = 0;

            /**
             * ReceiverStats lossFraction.
             * @member {number} lossFraction
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.lossFraction = 0;

            /**
             * ReceiverStats delayMsP50.
             * @member {number} delayMsP50
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.delayMsP50 = 0;

            /**
             * ReceiverStats delayMsP95.
             * @member {number} delayMsP95
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.delayMsP95 = 0;

            /**
             * ReceiverStats receiveKbps.
             * @member {number} receiveKbps
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.receiveKbps = 0;

            /**
             * ReceiverStats keyframeIds.
             * @member {Array.<number>} keyframeIds
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             */
            ReceiverStats.prototype.keyframeIds = $util.emptyArray;

            /**
             * Creates a new ReceiverStats instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {facecodec.v1.ReceiverStats.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.ReceiverStats} ReceiverStats instance
             * @type {{
             *   (properties: facecodec.v1.ReceiverStats.$Shape): facecodec.v1.ReceiverStats & facecodec.v1.ReceiverStats.$Shape;
             *   (properties?: facecodec.v1.ReceiverStats.$Properties): facecodec.v1.ReceiverStats;
             * }}
             */
            ReceiverStats.create = function(properties) {
                return new ReceiverStats(properties);
            };

            /**
             * Encodes the specified ReceiverStats message. Does not implicitly {@link facecodec.v1.ReceiverStats.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {facecodec.v1.ReceiverStats.$Properties} m ReceiverStats message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReceiverStats.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.framesReceived != null && $Object.hasOwnProperty.call(m, "framesReceived") && m.framesReceived !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.framesReceived);
                if (m.framesLost != null && $Object.hasOwnProperty.call(m, "framesLost") && m.framesLost !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.framesLost);
                if (m.framesDropped != null && $Object.hasOwnProperty.call(m, "framesDropped") && m.framesDropped !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.framesDropped);
                if (m.lossFraction != null && $Object.hasOwnProperty.call(m, "lossFraction") && !$Object.is(m.lossFraction, 0))
                    w.uint32(/* id 4, wireType 5 =*/37).float(m.lossFraction);
                if (m.delayMsP50 != null && $Object.hasOwnProperty.call(m, "delayMsP50") && !$Object.is(m.delayMsP50, 0))
                    w.uint32(/* id 5, wireType 5 =*/45).float(m.delayMsP50);
                if (m.delayMsP95 != null && $Object.hasOwnProperty.call(m, "delayMsP95") && !$Object.is(m.delayMsP95, 0))
                    w.uint32(/* id 6, wireType 5 =*/53).float(m.delayMsP95);
                if (m.receiveKbps != null && $Object.hasOwnProperty.call(m, "receiveKbps") && !$Object.is(m.receiveKbps, 0))
                    w.uint32(/* id 7, wireType 5 =*/61).float(m.receiveKbps);
                if (m.keyframeIds != null && m.keyframeIds.length) {
                    w.uint32(/* id 8, wireType 2 =*/66).uint32s(m.keyframeIds);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ReceiverStats message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.ReceiverStats & facecodec.v1.ReceiverStats.$Shape} ReceiverStats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReceiverStats.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.ReceiverStats();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.framesReceived = v;
                            else
                                delete m.framesReceived;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.framesLost = v;
                            else
                                delete m.framesLost;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.framesDropped = v;
                            else
                                delete m.framesDropped;
                            continue;
                        }
                    case 4: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.lossFraction = v;
                            else
                                delete m.lossFraction;
                            continue;
                        }
                    case 5: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.delayMsP50 = v;
                            else
                                delete m.delayMsP50;
                            continue;
                        }
                    case 6: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.delayMsP95 = v;
                            else
                                delete m.delayMsP95;
                            continue;
                        }
                    case 7: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.receiveKbps = v;
                            else
                                delete m.receiveKbps;
                            continue;
                        }
                    case 8: {
                            if (u === 2) {
                                if (!(m.keyframeIds && m.keyframeIds.length))
                                    m.keyframeIds = [];
                                r.uint32s(m.keyframeIds);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.keyframeIds && m.keyframeIds.length))
                                m.keyframeIds = [];
                            m.keyframeIds.push(r.uint32());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ReceiverStats message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.ReceiverStats} ReceiverStats
             */
            ReceiverStats.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.ReceiverStats)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.ReceiverStats: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.ReceiverStats();
                if (d.framesReceived != null) {
                    if ($Number(d.framesReceived) !== 0) {
                        m.framesReceived = d.framesReceived >>> 0;
                    }
                }
                if (d.framesLost != null) {
                    if ($Number(d.framesLost) !== 0) {
                        m.framesLost = d.framesLost >>> 0;
                    }
                }
                if (d.framesDropped != null) {
                    if ($Number(d.framesDropped) !== 0) {
                        m.framesDropped = d.framesDropped >>> 0;
                    }
                }
                if (d.lossFraction != null) {
                    if (!$Object.is($Number(d.lossFraction), 0)) {
                        m.lossFraction = $Number(d.lossFraction);
                    }
                }
                if (d.delayMsP50 != null) {
                    if (!$Object.is($Number(d.delayMsP50), 0)) {
                        m.delayMsP50 = $Number(d.delayMsP50);
                    }
                }
                if (d.delayMsP95 != null) {
                    if (!$Object.is($Number(d.delayMsP95), 0)) {
                        m.delayMsP95 = $Number(d.delayMsP95);
                    }
                }
                if (d.receiveKbps != null) {
                    if (!$Object.is($Number(d.receiveKbps), 0)) {
                        m.receiveKbps = $Number(d.receiveKbps);
                    }
                }
                if (d.keyframeIds) {
                    if (!$Array.isArray(d.keyframeIds))
                        throw $TypeError(".facecodec.v1.ReceiverStats.keyframeIds: array expected");
                    m.keyframeIds = $Array(d.keyframeIds.length);
                    for (var i = 0; i < d.keyframeIds.length; ++i) {
                        m.keyframeIds[i] = d.keyframeIds[i] >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ReceiverStats message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {facecodec.v1.ReceiverStats} m ReceiverStats
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ReceiverStats.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.keyframeIds = [];
                }
                if (o.defaults) {
                    d.framesReceived = 0;
                    d.framesLost = 0;
                    d.framesDropped = 0;
                    d.lossFraction = 0;
                    d.delayMsP50 = 0;
                    d.delayMsP95 = 0;
                    d.receiveKbps = 0;
                }
                if (m.framesReceived != null && $Object.hasOwnProperty.call(m, "framesReceived")) {
                    d.framesReceived = m.framesReceived;
                }
                if (m.framesLost != null && $Object.hasOwnProperty.call(m, "framesLost")) {
                    d.framesLost = m.framesLost;
                }
                if (m.framesDropped != null && $Object.hasOwnProperty.call(m, "framesDropped")) {
                    d.framesDropped = m.framesDropped;
                }
                if (m.lossFraction != null && $Object.hasOwnProperty.call(m, "lossFraction")) {
                    d.lossFraction = o.json && !$isFinite(m.lossFraction) ? $String(m.lossFraction) : m.lossFraction;
                }
                if (m.delayMsP50 != null && $Object.hasOwnProperty.call(m, "delayMsP50")) {
                    d.delayMsP50 = o.json && !$isFinite(m.delayMsP50) ? $String(m.delayMsP50) : m.delayMsP50;
                }
                if (m.delayMsP95 != null && $Object.hasOwnProperty.call(m, "delayMsP95")) {
                    d.delayMsP95 = o.json && !$isFinite(m.delayMsP95) ? $String(m.delayMsP95) : m.delayMsP95;
                }
                if (m.receiveKbps != null && $Object.hasOwnProperty.call(m, "receiveKbps")) {
                    d.receiveKbps = o.json && !$isFinite(m.receiveKbps) ? $String(m.receiveKbps) : m.receiveKbps;
                }
                if (m.keyframeIds && m.keyframeIds.length) {
                    d.keyframeIds = $Array(m.keyframeIds.length);
                    for (var j = 0; j < m.keyframeIds.length; ++j) {
                        d.keyframeIds[j] = m.keyframeIds[j];
                    }
                }
                return d;
            };

            /**
             * Converts this ReceiverStats to JSON.
             * @function toJSON
             * @memberof facecodec.v1.ReceiverStats
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ReceiverStats.prototype.toJSON = function() {
                return ReceiverStats.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ReceiverStats
             * @function getTypeUrl
             * @memberof facecodec.v1.ReceiverStats
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ReceiverStats.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.ReceiverStats";
            };

            return ReceiverStats;
        })();

        v1.Control = (function() {

            /**
             * Properties of a Control.
             * @typedef {Object} facecodec.v1.Control.$Properties
             * @property {facecodec.v1.KeyframeRequest.$Properties|null} [keyframeRequest] Control keyframeRequest
             * @property {facecodec.v1.ProfileChange.$Properties|null} [profileChange] Control profileChange
             * @property {facecodec.v1.ReceiverStats.$Properties|null} [receiverStats] Control receiverStats
             * @property {"keyframeRequest"|"profileChange"|"receiverStats"} [kind] Control kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Control.
             * @memberof facecodec.v1
             * @interface IControl
             * @augments facecodec.v1.Control.$Properties
             * @deprecated Use facecodec.v1.Control.$Properties instead.
             */

            /**
             * Narrowed shape of a Control.
             * @typedef {{
             *   keyframeRequest?: facecodec.v1.KeyframeRequest.$Shape|null;
             *   profileChange?: facecodec.v1.ProfileChange.$Shape|null;
             *   receiverStats?: facecodec.v1.ReceiverStats.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; keyframeRequest?: null; profileChange?: null; receiverStats?: null }|{ kind?: "keyframeRequest"; keyframeRequest: facecodec.v1.KeyframeRequest.$Shape; profileChange?: null; receiverStats?: null }|{ kind?: "profileChange"; keyframeRequest?: null; profileChange: facecodec.v1.ProfileChange.$Shape; receiverStats?: null }|{ kind?: "receiverStats"; keyframeRequest?: null; profileChange?: null; receiverStats: facecodec.v1.ReceiverStats.$Shape })
             * )} facecodec.v1.Control.$Shape
             */

            /**
             * Constructs a new Control.
             * @memberof facecodec.v1
             * @classdesc Represents a Control.
             * @constructor
             * @param {facecodec.v1.Control.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Control = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Control keyframeRequest.
             * @member {facecodec.v1.KeyframeRequest.$Properties|null|undefined} keyframeRequest
             * @memberof facecodec.v1.Control
             * @instance
             */
            Control.prototype.keyframeRequest = null;

            /**
             * Control profileChange.
             * @member {facecodec.v1.ProfileChange.$Properties|null|undefined} profileChange
             * @memberof facecodec.v1.Control
             * @instance
             */
            Control.prototype.profileChange = null;

            /**
             * Control receiverStats.
             * @member {facecodec.v1.ReceiverStats.$Properties|null|undefined} receiverStats
             * @memberof facecodec.v1.Control
             * @instance
             */
            Control.prototype.receiverStats = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Control kind.
             * @member {"keyframeRequest"|"profileChange"|"receiverStats"|undefined} kind
             * @memberof facecodec.v1.Control
             * @instance
             */
            $Object.defineProperty(Control.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["keyframeRequest", "profileChange", "receiverStats"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Control instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.Control
             * @static
             * @param {facecodec.v1.Control.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.Control} Control instance
             * @type {{
             *   (properties: facecodec.v1.Control.$Shape): facecodec.v1.Control & facecodec.v1.Control.$Shape;
             *   (properties?: facecodec.v1.Control.$Properties): facecodec.v1.Control;
             * }}
             */
            Control.create = function(properties) {
                return new Control(properties);
            };

            /**
             * Encodes the specified Control message. Does not implicitly {@link facecodec.v1.Control.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.Control
             * @static
             * @param {facecodec.v1.Control.$Properties} m Control message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Control.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.keyframeRequest != null && $Object.hasOwnProperty.call(m, "keyframeRequest"))
                    $root.facecodec.v1.KeyframeRequest.encode(m.keyframeRequest, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.profileChange != null && $Object.hasOwnProperty.call(m, "profileChange"))
                    $root.facecodec.v1.ProfileChange.encode(m.profileChange, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.receiverStats != null && $Object.hasOwnProperty.call(m, "receiverStats"))
                    $root.facecodec.v1.ReceiverStats.encode(m.receiverStats, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Control message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.Control
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.Control & facecodec.v1.Control.$Shape} Control
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Control.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.Control();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.keyframeRequest = $root.facecodec.v1.KeyframeRequest.decode(r, r.size(), $undefined, q + 1, m.keyframeRequest);
                            m.kind = "keyframeRequest";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.profileChange = $root.facecodec.v1.ProfileChange.decode(r, r.size(), $undefined, q + 1, m.profileChange);
                            m.kind = "profileChange";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.receiverStats = $root.facecodec.v1.ReceiverStats.decode(r, r.size(), $undefined, q + 1, m.receiverStats);
                            m.kind = "receiverStats";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Control message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.Control
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.Control} Control
             */
            Control.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.Control)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.Control: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.Control();
                if (d.keyframeRequest != null) {
                    if (!$util.isObject(d.keyframeRequest))
                        throw $TypeError(".facecodec.v1.Control.keyframeRequest: object expected");
                    m.keyframeRequest = $root.facecodec.v1.KeyframeRequest.fromObject(d.keyframeRequest, q + 1);
                }
                if (d.profileChange != null) {
                    if (!$util.isObject(d.profileChange))
                        throw $TypeError(".facecodec.v1.Control.profileChange: object expected");
                    m.profileChange = $root.facecodec.v1.ProfileChange.fromObject(d.profileChange, q + 1);
                }
                if (d.receiverStats != null) {
                    if (!$util.isObject(d.receiverStats))
                        throw $TypeError(".facecodec.v1.Control.receiverStats: object expected");
                    m.receiverStats = $root.facecodec.v1.ReceiverStats.fromObject(d.receiverStats, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Control message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.Control
             * @static
             * @param {facecodec.v1.Control} m Control
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Control.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.keyframeRequest != null && $Object.hasOwnProperty.call(m, "keyframeRequest")) {
                    d.keyframeRequest = $root.facecodec.v1.KeyframeRequest.toObject(m.keyframeRequest, o, q + 1);
                    if (o.oneofs)
                        d.kind = "keyframeRequest";
                }
                if (m.profileChange != null && $Object.hasOwnProperty.call(m, "profileChange")) {
                    d.profileChange = $root.facecodec.v1.ProfileChange.toObject(m.profileChange, o, q + 1);
                    if (o.oneofs)
                        d.kind = "profileChange";
                }
                if (m.receiverStats != null && $Object.hasOwnProperty.call(m, "receiverStats")) {
                    d.receiverStats = $root.facecodec.v1.ReceiverStats.toObject(m.receiverStats, o, q + 1);
                    if (o.oneofs)
                        d.kind = "receiverStats";
                }
                return d;
            };

            /**
             * Converts this Control to JSON.
             * @function toJSON
             * @memberof facecodec.v1.Control
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Control.prototype.toJSON = function() {
                return Control.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Control
             * @function getTypeUrl
             * @memberof facecodec.v1.Control
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Control.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.Control";
            };

            return Control;
        })();

        v1.MouthReference = (function() {

            /**
             * Properties of a MouthReference.
             * @typedef {Object} facecodec.v1.MouthReference.$Properties
             * @property {number|null} [keyframeId] MouthReference keyframeId
             * @property {facecodec.v1.ImageFormat|null} [format] MouthReference format
             * @property {Uint8Array|null} [image] MouthReference image
             * @property {number|null} [x] MouthReference x
             * @property {number|null} [y] MouthReference y
             * @property {number|null} [width] MouthReference width
             * @property {number|null} [height] MouthReference height
             * @property {Array.<number>|null} [innerLip] MouthReference innerLip
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MouthReference.
             * @memberof facecodec.v1
             * @interface IMouthReference
             * @augments facecodec.v1.MouthReference.$Properties
             * @deprecated Use facecodec.v1.MouthReference.$Properties instead.
             */

            /**
             * Shape of a MouthReference.
             * @typedef {facecodec.v1.MouthReference.$Properties} facecodec.v1.MouthReference.$Shape
             */

            /**
             * Constructs a new MouthReference.
             * @memberof facecodec.v1
             * @classdesc Represents a MouthReference.
             * @constructor
             * @param {facecodec.v1.MouthReference.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MouthReference = function (p) {
                this.innerLip = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MouthReference keyframeId.
             * @member {number} keyframeId
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.keyframeId = 0;

            /**
             * MouthReference format.
             * @member {facecodec.v1.ImageFormat} format
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.format = 0;

            /**
             * MouthReference image.
             * @member {Uint8Array} image
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.image = $util.newBuffer([]);

            /**
             * MouthReference x.
             * @member {number} x
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.x = 0;

            /**
             * MouthReference y.
             * @member {number} y
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.y = 0;

            /**
             * MouthReference width.
             * @member {number} width
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.width = 0;

            /**
             * MouthReference height.
             * @member {number} height
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.height = 0;

            /**
             * MouthReference innerLip.
             * @member {Array.<number>} innerLip
             * @memberof facecodec.v1.MouthReference
             * @instance
             */
            MouthReference.prototype.innerLip = $util.emptyArray;

            /**
             * Creates a new MouthReference instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {facecodec.v1.MouthReference.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.MouthReference} MouthReference instance
             * @type {{
             *   (properties: facecodec.v1.MouthReference.$Shape): facecodec.v1.MouthReference & facecodec.v1.MouthReference.$Shape;
             *   (properties?: facecodec.v1.MouthReference.$Properties): facecodec.v1.MouthReference;
             * }}
             */
            MouthReference.create = function(properties) {
                return new MouthReference(properties);
            };

            /**
             * Encodes the specified MouthReference message. Does not implicitly {@link facecodec.v1.MouthReference.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {facecodec.v1.MouthReference.$Properties} m MouthReference message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MouthReference.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.keyframeId != null && $Object.hasOwnProperty.call(m, "keyframeId") && m.keyframeId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.keyframeId);
                if (m.format != null && $Object.hasOwnProperty.call(m, "format") && m.format !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.format);
                if (m.image != null && $Object.hasOwnProperty.call(m, "image") && m.image.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.image);
                if (m.x != null && $Object.hasOwnProperty.call(m, "x") && m.x !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.x);
                if (m.y != null && $Object.hasOwnProperty.call(m, "y") && m.y !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.y);
                if (m.width != null && $Object.hasOwnProperty.call(m, "width") && m.width !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.width);
                if (m.height != null && $Object.hasOwnProperty.call(m, "height") && m.height !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.height);
                if (m.innerLip != null && m.innerLip.length) {
                    w.uint32(/* id 8, wireType 2 =*/66).floats(m.innerLip);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MouthReference message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.MouthReference & facecodec.v1.MouthReference.$Shape} MouthReference
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MouthReference.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.MouthReference();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.keyframeId = v;
                            else
                                delete m.keyframeId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.format = v;
                            else
                                delete m.format;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.image = v;
                            else
                                delete m.image;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.x = v;
                            else
                                delete m.x;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.y = v;
                            else
                                delete m.y;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.width = v;
                            else
                                delete m.width;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.height = v;
                            else
                                delete m.height;
                            continue;
                        }
                    case 8: {
                            if (u === 2) {
                                if (!(m.innerLip && m.innerLip.length))
                                    m.innerLip = [];
                                r.floats(m.innerLip);
                                continue;
                            }
                            if (u !== 5)
                                break;
                            if (!(m.innerLip && m.innerLip.length))
                                m.innerLip = [];
                            m.innerLip.push(r.float());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a MouthReference message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.MouthReference} MouthReference
             */
            MouthReference.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.MouthReference)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.MouthReference: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.MouthReference();
                if (d.keyframeId != null) {
                    if ($Number(d.keyframeId) !== 0) {
                        m.keyframeId = d.keyframeId >>> 0;
                    }
                }
                if (d.format !== 0 && (typeof d.format !== "string" || $root.facecodec.v1.ImageFormat[d.format] !== 0)) {
                    switch (d.format) {
                    case "IMAGE_FORMAT_JPEG":
                    case 0:
                        m.format = 0;
                        break;
                    case "IMAGE_FORMAT_PNG":
                    case 1:
                        m.format = 1;
                        break;
                    case "IMAGE_FORMAT_WEBP":
                    case 2:
                        m.format = 2;
                        break;
                    case "IMAGE_FORMAT_AVIF":
                    case 3:
                        m.format = 3;
                        break;
                    default:
                        if (typeof d.format === "number" && (d.format | 0) === d.format)
                            m.format = d.format;
                    }
                }
                if (d.image != null) {
                    if (d.image.length) {
                        if (typeof d.image === "string")
                            $util.base64.decode(d.image, m.image = $util.newBuffer($util.base64.length(d.image)), 0);
                        else if (d.image.length >= 0)
                            m.image = d.image;
                    }
                }
                if (d.x != null) {
                    if ($Number(d.x) !== 0) {
                        m.x = d.x >>> 0;
                    }
                }
                if (d.y != null) {
                    if ($Number(d.y) !== 0) {
                        m.y = d.y >>> 0;
                    }
                }
                if (d.width != null) {
                    if ($Number(d.width) !== 0) {
                        m.width = d.width >>> 0;
                    }
                }
                if (d.height != null) {
                    if ($Number(d.height) !== 0) {
                        m.height = d.height >>> 0;
                    }
                }
                if (d.innerLip) {
                    if (!$Array.isArray(d.innerLip))
                        throw $TypeError(".facecodec.v1.MouthReference.innerLip: array expected");
                    m.innerLip = $Array(d.innerLip.length);
                    for (var i = 0; i < d.innerLip.length; ++i) {
                        m.innerLip[i] = $Number(d.innerLip[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a MouthReference message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {facecodec.v1.MouthReference} m MouthReference
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            MouthReference.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.innerLip = [];
                }
                if (o.defaults) {
                    d.keyframeId = 0;
                    d.format = o.enums === $String ? "IMAGE_FORMAT_JPEG" : 0;
                    if (o.bytes === $String)
                        d.image = "";
                    else {
                        d.image = [];
                        if (o.bytes !== $Array)
                            d.image = $util.newBuffer(d.image);
                    }
                    d.x = 0;
                    d.y = 0;
                    d.width = 0;
                    d.height = 0;
                }
                if (m.keyframeId != null && $Object.hasOwnProperty.call(m, "keyframeId")) {
                    d.keyframeId = m.keyframeId;
                }
                if (m.format != null && $Object.hasOwnProperty.call(m, "format")) {
                    d.format = o.enums === $String ? $root.facecodec.v1.ImageFormat[m.format] === $undefined ? m.format : $root.facecodec.v1.ImageFormat[m.format] : m.format;
                }
                if (m.image != null && $Object.hasOwnProperty.call(m, "image")) {
                    d.image = o.bytes === $String ? $util.base64.encode(m.image, 0, m.image.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.image) : m.image;
                }
                if (m.x != null && $Object.hasOwnProperty.call(m, "x")) {
                    d.x = m.x;
                }
                if (m.y != null && $Object.hasOwnProperty.call(m, "y")) {
                    d.y = m.y;
                }
                if (m.width != null && $Object.hasOwnProperty.call(m, "width")) {
                    d.width = m.width;
                }
                if (m.height != null && $Object.hasOwnProperty.call(m, "height")) {
                    d.height = m.height;
                }
                if (m.innerLip && m.innerLip.length) {
                    d.innerLip = $Array(m.innerLip.length);
                    for (var j = 0; j < m.innerLip.length; ++j) {
                        d.innerLip[j] = o.json && !$isFinite(m.innerLip[j]) ? $String(m.innerLip[j]) : m.innerLip[j];
                    }
                }
                return d;
            };

            /**
             * Converts this MouthReference to JSON.
             * @function toJSON
             * @memberof facecodec.v1.MouthReference
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            MouthReference.prototype.toJSON = function() {
                return MouthReference.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for MouthReference
             * @function getTypeUrl
             * @memberof facecodec.v1.MouthReference
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MouthReference.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.MouthReference";
            };

            return MouthReference;
        })();

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} facecodec.v1.Envelope.$Properties
             * @property {facecodec.v1.StreamHeader.$Properties|null} [header] Envelope header
             * @property {facecodec.v1.Keyframe.$Properties|null} [keyframe] Envelope keyframe
             * @property {facecodec.v1.FramePacket.$Properties|null} [frame] Envelope frame
             * @property {facecodec.v1.Control.$Properties|null} [control] Envelope control
             * @property {facecodec.v1.MouthReference.$Properties|null} [mouthReference] Envelope mouthReference
             * @property {"header"|"keyframe"|"frame"|"control"|"mouthReference"} [body] Envelope body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof facecodec.v1
             * @interface IEnvelope
             * @augments facecodec.v1.Envelope.$Properties
             * @deprecated Use facecodec.v1.Envelope.$Properties instead.
             */

            /**
             * Narrowed shape of an Envelope.
             * @typedef {{
             *   header?: facecodec.v1.StreamHeader.$Shape|null;
             *   keyframe?: facecodec.v1.Keyframe.$Shape|null;
             *   frame?: facecodec.v1.FramePacket.$Shape|null;
             *   control?: facecodec.v1.Control.$Shape|null;
             *   mouthReference?: facecodec.v1.MouthReference.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; header?: null; keyframe?: null; frame?: null; control?: null; mouthReference?: null }|{ body?: "header"; header: facecodec.v1.StreamHeader.$Shape; keyframe?: null; frame?: null; control?: null; mouthReference?: null }|{ body?: "keyframe"; header?: null; keyframe: facecodec.v1.Keyframe.$Shape; frame?: null; control?: null; mouthReference?: null }|{ body?: "frame"; header?: null; keyframe?: null; frame: facecodec.v1.FramePacket.$Shape; control?: null; mouthReference?: null }|{ body?: "control"; header?: null; keyframe?: null; frame?: null; control: facecodec.v1.Control.$Shape; mouthReference?: null }|{ body?: "mouthReference"; header?: null; keyframe?: null; frame?: null; control?: null; mouthReference: facecodec.v1.MouthReference.$Shape })
             * )} facecodec.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof facecodec.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {facecodec.v1.Envelope.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Envelope = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Envelope header.
             * @member {facecodec.v1.StreamHeader.$Properties|null|undefined} header
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            Envelope.prototype.header = null;

            /**
             * Envelope keyframe.
             * @member {facecodec.v1.Keyframe.$Properties|null|undefined} keyframe
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            Envelope.prototype.keyframe = null;

            /**
             * Envelope frame.
             * @member {facecodec.v1.FramePacket.$Properties|null|undefined} frame
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            Envelope.prototype.frame = null;

            /**
             * Envelope control.
             * @member {facecodec.v1.Control.$Properties|null|undefined} control
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            Envelope.prototype.control = null;

            /**
             * Envelope mouthReference.
             * @member {facecodec.v1.MouthReference.$Properties|null|undefined} mouthReference
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            Envelope.prototype.mouthReference = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Envelope body.
             * @member {"header"|"keyframe"|"frame"|"control"|"mouthReference"|undefined} body
             * @memberof facecodec.v1.Envelope
             * @instance
             */
            $Object.defineProperty(Envelope.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["header", "keyframe", "frame", "control", "mouthReference"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {facecodec.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {facecodec.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: facecodec.v1.Envelope.$Shape): facecodec.v1.Envelope & facecodec.v1.Envelope.$Shape;
             *   (properties?: facecodec.v1.Envelope.$Properties): facecodec.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link facecodec.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {facecodec.v1.Envelope.$Properties} m Envelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.facecodec.v1.StreamHeader.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.keyframe != null && $Object.hasOwnProperty.call(m, "keyframe"))
                    $root.facecodec.v1.Keyframe.encode(m.keyframe, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.frame != null && $Object.hasOwnProperty.call(m, "frame"))
                    $root.facecodec.v1.FramePacket.encode(m.frame, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.control != null && $Object.hasOwnProperty.call(m, "control"))
                    $root.facecodec.v1.Control.encode(m.control, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.mouthReference != null && $Object.hasOwnProperty.call(m, "mouthReference"))
                    $root.facecodec.v1.MouthReference.encode(m.mouthReference, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {facecodec.v1.Envelope & facecodec.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.facecodec.v1.Envelope();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.facecodec.v1.StreamHeader.decode(r, r.size(), $undefined, q + 1, m.header);
                            m.body = "header";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.keyframe = $root.facecodec.v1.Keyframe.decode(r, r.size(), $undefined, q + 1, m.keyframe);
                            m.body = "keyframe";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.frame = $root.facecodec.v1.FramePacket.decode(r, r.size(), $undefined, q + 1, m.frame);
                            m.body = "frame";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.control = $root.facecodec.v1.Control.decode(r, r.size(), $undefined, q + 1, m.control);
                            m.body = "control";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.mouthReference = $root.facecodec.v1.MouthReference.decode(r, r.size(), $undefined, q + 1, m.mouthReference);
                            m.body = "mouthReference";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {facecodec.v1.Envelope} Envelope
             */
            Envelope.fromObject = function (d, q) {
                if (d instanceof $root.facecodec.v1.Envelope)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".facecodec.v1.Envelope: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.facecodec.v1.Envelope();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".facecodec.v1.Envelope.header: object expected");
                    m.header = $root.facecodec.v1.StreamHeader.fromObject(d.header, q + 1);
                }
                if (d.keyframe != null) {
                    if (!$util.isObject(d.keyframe))
                        throw $TypeError(".facecodec.v1.Envelope.keyframe: object expected");
                    m.keyframe = $root.facecodec.v1.Keyframe.fromObject(d.keyframe, q + 1);
                }
                if (d.frame != null) {
                    if (!$util.isObject(d.frame))
                        throw $TypeError(".facecodec.v1.Envelope.frame: object expected");
                    m.frame = $root.facecodec.v1.FramePacket.fromObject(d.frame, q + 1);
                }
                if (d.control != null) {
                    if (!$util.isObject(d.control))
                        throw $TypeError(".facecodec.v1.Envelope.control: object expected");
                    m.control = $root.facecodec.v1.Control.fromObject(d.control, q + 1);
                }
                if (d.mouthReference != null) {
                    if (!$util.isObject(d.mouthReference))
                        throw $TypeError(".facecodec.v1.Envelope.mouthReference: object expected");
                    m.mouthReference = $root.facecodec.v1.MouthReference.fromObject(d.mouthReference, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an Envelope message. Also converts values to other types if specified.
             * @function toObject
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {facecodec.v1.Envelope} m Envelope
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Envelope.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.facecodec.v1.StreamHeader.toObject(m.header, o, q + 1);
                    if (o.oneofs)
                        d.body = "header";
                }
                if (m.keyframe != null && $Object.hasOwnProperty.call(m, "keyframe")) {
                    d.keyframe = $root.facecodec.v1.Keyframe.toObject(m.keyframe, o, q + 1);
                    if (o.oneofs)
                        d.body = "keyframe";
                }
                if (m.frame != null && $Object.hasOwnProperty.call(m, "frame")) {
                    d.frame = $root.facecodec.v1.FramePacket.toObject(m.frame, o, q + 1);
                    if (o.oneofs)
                        d.body = "frame";
                }
                if (m.control != null && $Object.hasOwnProperty.call(m, "control")) {
                    d.control = $root.facecodec.v1.Control.toObject(m.control, o, q + 1);
                    if (o.oneofs)
                        d.body = "control";
                }
                if (m.mouthReference != null && $Object.hasOwnProperty.call(m, "mouthReference")) {
                    d.mouthReference = $root.facecodec.v1.MouthReference.toObject(m.mouthReference, o, q + 1);
                    if (o.oneofs)
                        d.body = "mouthReference";
                }
                return d;
            };

            /**
             * Converts this Envelope to JSON.
             * @function toJSON
             * @memberof facecodec.v1.Envelope
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Envelope.prototype.toJSON = function() {
                return Envelope.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Envelope
             * @function getTypeUrl
             * @memberof facecodec.v1.Envelope
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Envelope.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/facecodec.v1.Envelope";
            };

            return Envelope;
        })();

        return v1;
    })();

    return facecodec;
})();

export {
  $root as default
};
